import type { SentimentLabel } from './sentiment.ts';
import { parseCsv } from '../../shared/csv.ts';

/** One labelled example of the Twitter Financial News Sentiment set. */
export interface LabelledText {
  text: string;
  label: SentimentLabel;
}

// The data set's own coding: 0 = bearish, 1 = bullish, 2 = neutral.
const LABELS: Record<string, SentimentLabel> = { '0': 'negative', '1': 'positive', '2': 'neutral' };

/** Parses `text,label` CSV with a header row; throws on a malformed row rather than guessing. */
export function parseSentimentCsv(csv: string): LabelledText[] {
  const [header, ...records] = parseCsv(csv, 'sentiment data set').map((r) => r.fields);
  if (!header || header[0] !== 'text' || header[1] !== 'label') throw new Error('expected a header "text,label"');
  return records.map((r, i) => {
    const label = LABELS[r[1] ?? ''];
    if (r.length !== 2 || !label) throw new Error(`record ${i + 1}: expected text and a label 0, 1 or 2`);
    return { text: r[0]!, label };
  });
}
