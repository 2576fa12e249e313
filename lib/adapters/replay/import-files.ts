import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Timeframe } from '../../domain/market.ts';
import { AppError } from '../../shared/errors.ts';
import { parseCsv } from '../../shared/csv.ts';
import { isBarHeader, parseBarCsv } from './bar-csv.import.ts';
import { isTweetHeader, parseTweetsCsv } from './tweets-csv.import.ts';
import { isAlpacaBars, isAlpacaNews, parseAlpacaBars, parseAlpacaNews } from './alpaca-json.import.ts';
import type { ImportSkip, ParsedBars, ParsedNews } from './history-types.ts';
import type { PgHistoryRepo, UpsertCounts } from './history.repo.ts';

/** What importing one file did. `kind` null: the file was not recognised as history and was left alone. */
export interface FileImportReport {
  file: string;
  kind: 'bars' | 'news' | null;
  /** Symbols and timeframes found, e.g. `AAPL 1Day`. */
  series: string[];
  rows: number;
  counts: UpsertCounts;
  skipped: ImportSkip[];
  /** Why the file was not imported, when it was not. */
  ignored?: string;
}

export interface FileImportOptions {
  lenient?: boolean;
  timeframe?: Timeframe;
  symbol?: string;
}

const NONE: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };

/** Every regular file under `target` (or `target` itself), sorted, hidden files excluded. */
export async function listFiles(target: string): Promise<string[]> {
  const info = await stat(target);
  if (!info.isDirectory()) return [target];
  const out: string[] = [];
  for (const entry of (await readdir(target, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Parses a file by its content: bar or tweet CSV by header, Alpaca bars or news JSON by shape. */
export async function parseHistoryFile(file: string, label: string, options: FileImportOptions = {}): Promise<ParsedBars | ParsedNews | string> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') return 'not a .csv or .json file';
  const bytes = await readFile(file);
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes.length > 3 && (bytes[1] === 0 || bytes[0] === 0) && bytes.subarray(0, 64).filter((b) => b === 0).length > 8);
  if (utf16) throw new AppError('DATA_INVALID', `${label}: the file is UTF-16 encoded; save it as UTF-8 (or plain ASCII) and import it again`);
  const text = bytes.toString('utf8').replace(/^\ufeff/, '');
  const common = { file: label, lenient: options.lenient ?? false, ...(options.timeframe ? { timeframe: options.timeframe } : {}), ...(options.symbol ? { symbol: options.symbol } : {}) };
  if (ext === '.csv') {
    const newline = text.indexOf('\n');
    const firstLine = newline < 0 ? text : text.slice(0, newline);
    const header = parseCsv(firstLine, label)[0]?.fields ?? [];
    if (isTweetHeader(header)) return parseTweetsCsv(text, common);
    if (isBarHeader(header)) return parseBarCsv(text, common);
    return 'CSV header is neither bars (time, open, high, low, close, volume) nor tweets (created_at_utc, tweet_id, ticker, text)';
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (e) {
    throw new AppError('DATA_INVALID', `${label}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (isAlpacaBars(payload)) return parseAlpacaBars(payload, common);
  if (isAlpacaNews(payload)) return parseAlpacaNews(payload, common);
  return 'JSON is neither an Alpaca bars nor an Alpaca news response';
}

/** Imports one file into the history tables (batched upserts; safe to repeat). */
export async function importHistoryFile(repo: PgHistoryRepo, file: string, label: string, options: FileImportOptions = {}): Promise<FileImportReport> {
  const parsed = await parseHistoryFile(file, label, options);
  if (typeof parsed === 'string') return { file: label, kind: null, series: [], rows: 0, counts: NONE, skipped: [], ignored: parsed };
  if (parsed.kind === 'bars') {
    const series = [...new Set(parsed.bars.map((b) => `${b.symbol} ${b.timeframe}`))];
    return { file: label, kind: 'bars', series, rows: parsed.bars.length, counts: await repo.upsertBars(parsed.bars, label), skipped: parsed.skipped };
  }
  const sources = [...new Set(parsed.items.map((n) => n.source))];
  return { file: label, kind: 'news', series: sources, rows: parsed.items.length, counts: await repo.upsertNews(parsed.items), skipped: parsed.skipped };
}
