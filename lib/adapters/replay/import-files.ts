import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Timeframe } from '../../domain/market.ts';
import { AppError } from '../../shared/errors.ts';
import { parseCsv } from '../../shared/csv.ts';
import { isBarHeader, parseBarCsv } from './bar-csv.import.ts';
import { isTweetHeader, parseTweetsCsv, readTweetRow, TweetRepeats } from './tweets-csv.import.ts';
import { csvRecords, looksUtf16 } from './csv-stream.ts';
import { scanBarCsv, streamBarCsv, SKIPS_KEPT } from './bar-csv.stream.ts';
import type { NewsItem } from '../../domain/news.ts';
import { isAlpacaBars, isAlpacaNews, parseAlpacaBars, parseAlpacaNews } from './alpaca-json.import.ts';
import { RowProblems, type ImportOptions, type ImportSkip, type ParsedBars, type ParsedNews } from './history-types.ts';
import { addCounts, type PgHistoryRepo, type UpsertCounts } from './history.repo.ts';

/** What importing one file did. `kind` null: the file was not recognised as history and was left alone. */
export interface FileImportReport {
  file: string;
  kind: 'bars' | 'news' | null;
  /** Symbols and timeframes found, e.g. `AAPL 1Day`. */
  series: string[];
  rows: number;
  counts: UpsertCounts;
  /** The first skipped rows (at most SKIPS_KEPT); every one is counted in `skippedTotal` and `skippedByReason`. */
  skipped: ImportSkip[];
  skippedTotal: number;
  /** Skips by reason, numbers written N (`Open: expected a number` x 3). */
  skippedByReason: Record<string, number>;
  /** Why the file was not imported, when it was not. */
  ignored?: string;
}

export interface FileImportOptions {
  lenient?: boolean;
  timeframe?: Timeframe;
  symbol?: string;
}

const NONE: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
const HISTORY_BATCH = 5_000;
const NOT_HISTORY_CSV = 'CSV header is neither bars (time, open, high, low, close, volume) nor tweets (created_at_utc, tweet_id, ticker, text)';

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
  if (looksUtf16(bytes)) throw new AppError('DATA_INVALID', `${label}: the file is UTF-16 encoded; save it as UTF-8 (or plain ASCII) and import it again`);
  const text = bytes.toString('utf8').replace(/^\ufeff/, '');
  const common = { file: label, lenient: options.lenient ?? false, ...(options.timeframe ? { timeframe: options.timeframe } : {}), ...(options.symbol ? { symbol: options.symbol } : {}) };
  if (ext === '.csv') {
    const newline = text.indexOf('\n');
    const firstLine = newline < 0 ? text : text.slice(0, newline);
    const header = parseCsv(firstLine, label)[0]?.fields ?? [];
    if (isTweetHeader(header)) return parseTweetsCsv(text, common);
    if (isBarHeader(header)) return parseBarCsv(text, common);
    return NOT_HISTORY_CSV;
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

/** Above this a JSON file is refused (JSON is parsed whole): save Alpaca's pages as separate files. */
export const MAX_JSON_BYTES = 64 << 20;
/** A CSV whose rows are out of time order is read whole (and sorted) up to this size. */
export const MAX_UNORDERED_CSV_BYTES = 32 << 20;

function skipSummary(skipped: readonly ImportSkip[], total = skipped.length, byReason?: ReadonlyMap<string, number>): Pick<FileImportReport, 'skipped' | 'skippedTotal' | 'skippedByReason'> {
  const counts = byReason ?? skipped.reduce((m, s) => m.set(s.reason.replace(/\d+/g, 'N'), (m.get(s.reason.replace(/\d+/g, 'N')) ?? 0) + 1), new Map<string, number>());
  return { skipped: skipped.slice(0, SKIPS_KEPT), skippedTotal: total, skippedByReason: Object.fromEntries(counts) };
}

async function firstRecord(file: string, label: string): Promise<string[]> {
  for await (const record of csvRecords(file, label)) return record.fields;
  return [];
}

/** Imports a parsed (whole) file: JSON, or a small CSV whose rows are out of time order. */
async function importParsed(repo: PgHistoryRepo, parsed: ParsedBars | ParsedNews, label: string): Promise<FileImportReport> {
  if (parsed.kind === 'bars') {
    const series = [...new Set(parsed.bars.map((b) => `${b.symbol} ${b.timeframe}`))];
    return { file: label, kind: 'bars', series, rows: parsed.bars.length, counts: await repo.upsertBars(parsed.bars, label), ...skipSummary(parsed.skipped) };
  }
  const sources = [...new Set(parsed.items.map((n) => n.source))];
  return { file: label, kind: 'news', series: sources, rows: parsed.items.length, counts: await repo.upsertNews(parsed.items), ...skipSummary(parsed.skipped) };
}

async function importBarCsv(repo: PgHistoryRepo, file: string, label: string, common: ImportOptions, size: number): Promise<FileImportReport> {
  const scan = await scanBarCsv(file, common);
  if (!scan.ordered) {
    if (size > MAX_UNORDERED_CSV_BYTES) {
      throw new AppError('DATA_INVALID', `${label}:${scan.line}: earlier than line ${scan.earlierThanLine}; a file over ${MAX_UNORDERED_CSV_BYTES >> 20} MB is read as a stream and must be in time order (sort it by its time column)`);
    }
    const parsed = await parseHistoryFile(file, label, common);
    if (typeof parsed === 'string') throw new AppError('INTERNAL', `${label}: a bar CSV read whole was not recognised: ${parsed}`);
    return importParsed(repo, parsed, label);
  }
  let counts = NONE;
  if (scan.timeframe) {
    const timeframe = scan.timeframe;
    counts = await repo.inTransaction(async (tx) => {
      let total = NONE;
      await streamBarCsv(file, common, { symbol: scan.symbol, timeframe }, async (bars) => {
        total = addCounts(total, await tx.upsertBars(bars, label));
      });
      return total;
    });
  }
  const series = scan.rows ? [`${scan.symbol} ${scan.timeframe}`] : [];
  return { file: label, kind: 'bars', series, rows: scan.rows, counts, ...skipSummary(scan.problems.skipped, scan.problems.total, scan.problems.byReason) };
}

async function importTweetsCsv(repo: PgHistoryRepo, file: string, label: string, common: ImportOptions): Promise<FileImportReport> {
  const problems = new RowProblems(common, SKIPS_KEPT);
  const repeats = new TweetRepeats();
  let rows = 0;
  // One pass in one transaction: a strict import that meets a bad row at the end has written nothing.
  const counts = await repo.inTransaction(async (tx) => {
    let total = NONE;
    let batch: NewsItem[] = [];
    let header = true;
    for await (const record of csvRecords(file, label)) {
      if (header) {
        header = false;
        continue;
      }
      const item = readTweetRow(record, problems);
      if (!item || repeats.isRepeat(record, problems)) continue;
      batch.push(item);
      rows++;
      if (batch.length >= HISTORY_BATCH) {
        total = addCounts(total, await tx.upsertNews(batch));
        batch = [];
      }
    }
    if (batch.length) total = addCounts(total, await tx.upsertNews(batch));
    return total;
  });
  return { file: label, kind: 'news', series: rows ? ['tweets'] : [], rows, counts, ...skipSummary(problems.skipped, problems.total, problems.byReason) };
}

/**
 * Imports one file into the history tables (batched upserts; safe to repeat). CSVs are read as streams, so
 * memory stays bounded whatever their size; each file lands in one transaction, so a strict import that
 * stops at a bad row has written nothing of that file.
 */
export async function importHistoryFile(repo: PgHistoryRepo, file: string, label: string, options: FileImportOptions = {}): Promise<FileImportReport> {
  const ignored = (why: string): FileImportReport => ({ file: label, kind: null, series: [], rows: 0, counts: NONE, ...skipSummary([]), ignored: why });
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') return ignored('not a .csv or .json file');
  const size = (await stat(file)).size;
  const common = { file: label, lenient: options.lenient ?? false, ...(options.timeframe ? { timeframe: options.timeframe } : {}), ...(options.symbol ? { symbol: options.symbol } : {}) };
  if (ext === '.json') {
    if (size > MAX_JSON_BYTES) throw new AppError('DATA_INVALID', `${label}: ${Math.round(size / 2 ** 20)} MB of JSON; a JSON file is read whole, so at most ${MAX_JSON_BYTES >> 20} MB: save each page of Alpaca's response as its own file`);
    const parsed = await parseHistoryFile(file, label, options);
    return typeof parsed === 'string' ? ignored(parsed) : importParsed(repo, parsed, label);
  }
  const header = await firstRecord(file, label);
  if (isTweetHeader(header)) return importTweetsCsv(repo, file, label, common);
  if (isBarHeader(header)) return importBarCsv(repo, file, label, common, size);
  return ignored(NOT_HISTORY_CSV);
}
