import type { SentimentLabel } from './sentiment.ts';

/** One labelled example of the Twitter Financial News Sentiment set. */
export interface LabelledText {
  text: string;
  label: SentimentLabel;
}

// The data set's own coding: 0 = bearish, 1 = bullish, 2 = neutral.
const LABELS: Record<string, SentimentLabel> = { '0': 'negative', '1': 'positive', '2': 'neutral' };

/** Splits CSV text into records of fields (RFC 4180: quoted fields may hold commas, "" and newlines). */
export function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i += 1) {
    const c = csv[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (csv[i + 1] === '"') (field += '"'), (i += 1);
      else quoted = false;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && csv[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

/** Parses `text,label` CSV with a header row; throws on a malformed row rather than guessing. */
export function parseSentimentCsv(csv: string): LabelledText[] {
  const [header, ...records] = parseCsv(csv);
  if (!header || header[0] !== 'text' || header[1] !== 'label') throw new Error('expected a header "text,label"');
  return records.map((r, i) => {
    const label = LABELS[r[1] ?? ''];
    if (r.length !== 2 || !label) throw new Error(`record ${i + 1}: expected text and a label 0, 1 or 2`);
    return { text: r[0]!, label };
  });
}
