import { AppError } from './errors.ts';

/** One CSV record with the 1-based line it starts on (for error messages). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Splits RFC 4180 CSV text into records: quoted fields may hold commas, doubled quotes and line breaks;
 * CRLF and LF both end a record; blank lines are dropped. An unterminated quote is an error naming the line.
 * Fields are sliced out of the text, never built a character at a time (files run to megabytes).
 * `firstLine` numbers the records of a block that starts further into a file (see csv-stream.ts).
 */
export function parseCsv(text: string, file: string, firstLine = 1): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = firstLine;
  // The regex engine finds the separator: a wide field costs one native scan, not a JS loop per character.
  const separator = /[,\r\n]/g;
  const fieldEnd = (from: number): number => {
    separator.lastIndex = from;
    return separator.exec(text)?.index ?? n;
  };
  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        let start = i + 1;
        let parts = '';
        for (;;) {
          const close = text.indexOf('"', start);
          if (close < 0) throw new AppError('DATA_INVALID', `${file}:${recordLine}: unterminated quoted field`);
          const chunk = text.slice(start, close);
          for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) line++;
          parts += chunk;
          if (text.charCodeAt(close + 1) === QUOTE) {
            parts += '"';
            start = close + 2;
          } else {
            i = close + 1;
            break;
          }
        }
        // Anything between the closing quote and the separator is kept, as lenient readers do.
        const j = fieldEnd(i);
        value = parts + text.slice(i, j);
        i = j;
      } else {
        const j = fieldEnd(i);
        value = text.slice(i, j);
        i = j;
      }
      fields.push(value);
      if (i < n && text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      break;
    }
    if (text.charCodeAt(i) === CR) i++;
    if (text.charCodeAt(i) === LF) i++;
    line++;
    if (fields.length > 1 || fields[0] !== '') records.push({ line: recordLine, fields });
  }
  return records;
}
