import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { AppError } from '../../shared/errors.ts';
import { parseCsv, type CsvRecord } from '../../shared/csv.ts';

/** Longest text a record may span: past it, the file has an unterminated quote (or no line breaks at all). */
const MAX_RECORD_CHARS = 1 << 20;
const READ_CHUNK_BYTES = 1 << 20;

/** True when the first bytes of a file look UTF-16 (a byte-order mark, or the zero bytes of ASCII text in it). */
export function looksUtf16(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  return bytes.length > 3 && (bytes[1] === 0 || bytes[0] === 0) && bytes.subarray(0, 64).filter((b) => b === 0).length > 8;
}

/**
 * Where the text can be cut between records: just after the last line feed that is outside quotes, or -1.
 * A doubled quote inside a quoted field toggles twice, so counting quotes is enough.
 */
function lastRecordEnd(text: string): number {
  let cut = -1;
  let pos = 0;
  for (;;) {
    const open = text.indexOf('"', pos);
    const end = open < 0 ? text.length : open;
    const lf = text.lastIndexOf('\n', end - 1);
    if (lf >= pos) cut = lf + 1;
    if (open < 0) return cut;
    const close = text.indexOf('"', open + 1);
    if (close < 0) return cut;
    pos = close + 1;
  }
}

function countLineFeeds(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Reads a UTF-8 CSV file as blocks of whole records (RFC 4180, as `parseCsv`), holding about a megabyte of
 * text at a time whatever the file's size; record lines count from the start of the file. Refuses a UTF-16
 * file by name, and a record longer than a megabyte (an unterminated quote) naming the line it starts on.
 */
export async function* csvRecordBlocks(file: string, label: string): AsyncGenerator<CsvRecord[]> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let line = 1;
  let first = true;
  const take = (text: string): CsvRecord[] => {
    const records = parseCsv(text, label, line);
    line += countLineFeeds(text);
    return records;
  };
  for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    if (first && looksUtf16(chunk)) throw new AppError('DATA_INVALID', `${label}: the file is UTF-16 encoded; save it as UTF-8 (or plain ASCII) and import it again`);
    pending += decoder.write(chunk);
    if (first) pending = pending.replace(/^\ufeff/, '');
    first = false;
    const cut = lastRecordEnd(pending);
    if (cut < 0) {
      if (pending.length > MAX_RECORD_CHARS) throw new AppError('DATA_INVALID', `${label}:${line}: a record longer than 1 MB: an unterminated quoted field, or a file without line feeds`);
      continue;
    }
    const records = take(pending.slice(0, cut));
    pending = pending.slice(cut);
    if (records.length) yield records;
  }
  pending += decoder.end();
  if (pending.length) {
    const records = take(pending);
    if (records.length) yield records;
  }
}

/** The records of a CSV file one at a time, read as `csvRecordBlocks` reads them. */
export async function* csvRecords(file: string, label: string): AsyncGenerator<CsvRecord> {
  for await (const block of csvRecordBlocks(file, label)) yield* block;
}
