import * as z from 'zod/mini';
import path from 'node:path';
import type { Bar, Timeframe } from '../../domain/market.ts';
import { AppError } from '../../shared/errors.ts';
import { parseCsv, type CsvRecord } from '../../shared/csv.ts';
import { parseHistoryTime, inferTimeframe, historyTimeProblem } from './history-time.ts';
import { RowProblems, type HistoryBar, type ImportOptions, type ParsedBars } from './history-types.ts';

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const numeric = z.pipe(z.string().check(z.refine((s) => NUMBER.test(s.trim()), 'expected a number')), z.transform((s) => Number(s)));
/** Above this a price is a typo or a corrupt file (the dearest US share, BRK.A, is under a million dollars). */
const MAX_PRICE = 1_000_000;
const price = z.pipe(numeric, z.number().check(z.refine((n) => n > 0 && n <= MAX_PRICE, 'expected a price above 0 and at most 1,000,000')));
const volume = z.pipe(numeric, z.number().check(z.refine((n) => n >= 0 && Number.isFinite(n), 'expected a volume of 0 or more')));

/** One bar row as the file spells it; the refinements catch rows whose high and low contradict the body. */
const barRow = z.object({ time: z.string(), open: price, high: price, low: price, close: price, volume, adjClose: z.optional(price) }).check(
  z.refine((r) => r.high >= Math.max(r.open, r.close, r.low), { message: 'is below the open, close or low', path: ['high'] }),
  z.refine((r) => r.low <= Math.min(r.open, r.close), { message: 'is above the open or close', path: ['low'] }),
);

/** The columns each field may be called (Yahoo's `Date,...,Adj Close`, lumibot's `time,open,...`, freqtrade's `date,...`). */
const COLUMN_NAMES: Record<keyof z.output<typeof barRow>, readonly string[]> = {
  time: ['date', 'datetime', 'time', 'timestamp'],
  open: ['open'],
  high: ['high'],
  low: ['low'],
  close: ['close'],
  volume: ['volume'],
  adjClose: ['adj close', 'adj_close', 'adjclose', 'adjusted close'],
};
type Field = keyof typeof COLUMN_NAMES;

/** True when a CSV header names the columns of a bar file. */
export function isBarHeader(header: readonly string[]): boolean {
  const names = header.map((h) => h.trim().toLowerCase());
  return (['time', 'open', 'high', 'low', 'close', 'volume'] as const).every((f) => COLUMN_NAMES[f].some((n) => names.includes(n)));
}

/**
 * The symbol a bar file is about, from its name: `AAPL.csv`, `SPY_Minute_2021.csv` -> SPY, `BRK-A.csv` ->
 * BRK.A (Yahoo's class-share dash, Alpaca's dot), `ETH_BTC-5m.csv` -> ETH/BTC (a freqtrade crypto pair).
 */
export function symbolFromFileName(file: string): string {
  const stem = path.basename(file).replace(/\.[^.]+$/, '').toUpperCase();
  const pair = /^([A-Z0-9]+)_([A-Z0-9]+)-\d+[MHD]$/.exec(stem);
  const symbol = pair ? `${pair[1]}/${pair[2]}` : stem.split('_')[0]!.replace(/-/g, '.');
  if (!SYMBOL.test(symbol)) {
    throw new AppError('DATA_INVALID', `${path.basename(file)}: the file name gives no valid symbol (expected 1-15 letters, digits, '.', '/' or '-' before any '_', e.g. AAPL.csv or AAPL_Minute.csv); rename the file or give --symbol`);
  }
  return symbol;
}

const SYMBOL = /^[A-Z0-9][A-Z0-9./-]{0,14}$/;

/** Where a bar CSV keeps each field, from its header row. */
export interface BarCsvLayout {
  header: string[];
  columns: Record<Field, number>;
}

/** One valid row of a bar CSV, before duplicates are resolved. */
export interface BarCsvRow {
  line: number;
  bar: Bar;
  adjClose?: number;
  dateOnly: boolean;
}

/** The layout named by a bar CSV's header row; throws DATA_INVALID when it does not name the bar columns. */
export function barCsvLayout(headerRow: readonly string[] | undefined, file: string): BarCsvLayout {
  const header = headerRow?.map((h) => h.trim()) ?? [];
  if (!isBarHeader(header)) throw new AppError('DATA_INVALID', `${file}:1: header: expected time, open, high, low, close and volume columns`);
  const lower = header.map((h) => h.toLowerCase());
  const columns = Object.fromEntries(
    (Object.keys(COLUMN_NAMES) as Field[]).map((f) => [f, lower.findIndex((h) => COLUMN_NAMES[f].includes(h))]),
  ) as Record<Field, number>;
  return { header, columns };
}

/** Checks one data row; a bad one is reported to `problems` (which throws when strict) and gives null. */
export function readBarRow(layout: BarCsvLayout, record: CsvRecord, problems: RowProblems): BarCsvRow | null {
  const { header, columns } = layout;
  if (record.fields.length !== header.length) {
    problems.report(record.line, 'row', `expected ${header.length} fields, found ${record.fields.length}`);
    return null;
  }
  const raw: Record<string, string> = {};
  for (const f of Object.keys(columns) as Field[]) if (columns[f] >= 0) raw[f] = record.fields[columns[f]]!;
  const parsed = barRow.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    problems.report(record.line, header[columns[issue.path[0] as Field]] ?? String(issue.path[0]), issue.message);
    return null;
  }
  const time = parseHistoryTime(parsed.data.time);
  if (!time) {
    problems.report(record.line, header[columns.time]!, historyTimeProblem(parsed.data.time) ?? 'expected a date (YYYY-MM-DD) or a date-time with its UTC offset');
    return null;
  }
  const { open: o, high: h, low: l, close: c, volume: v, adjClose } = parsed.data;
  return { line: record.line, bar: { t: time.t, o, h, l, c, v }, ...(adjClose === undefined ? {} : { adjClose }), dateOnly: time.dateOnly };
}

/**
 * A row with the timestamp of the row kept before it: an exact repeat is noted, different values are a
 * problem (thrown when strict); either way the first row stays.
 */
export function reportRepeat(layout: BarCsvLayout, kept: BarCsvRow, row: BarCsvRow, problems: RowProblems): void {
  const same = kept.bar.o === row.bar.o && kept.bar.h === row.bar.h && kept.bar.l === row.bar.l && kept.bar.c === row.bar.c && kept.bar.v === row.bar.v && kept.adjClose === row.adjClose;
  if (same) problems.note(row.line, `repeat of line ${kept.line}`);
  else problems.report(row.line, layout.header[layout.columns.time]!, `same timestamp as line ${kept.line} with different values`);
}

/** A history bar of `symbol` at `timeframe` from a checked row. */
export function historyBarOf(row: BarCsvRow, symbol: string, timeframe: Timeframe): HistoryBar {
  return { symbol, timeframe, bar: row.bar, ...(row.adjClose === undefined ? {} : { adjClose: row.adjClose }) };
}

/**
 * Parses a bar CSV (daily, minute or crypto; the header decides the columns) into history bars. Date-only
 * rows are daily bars stamped at New York midnight; other timestamps must carry their UTC offset. The
 * timeframe comes from the spacing of the timestamps unless given. Bad rows fail the import (naming file,
 * line and column) or, when lenient, are skipped with the reason; duplicate timestamps keep the first row.
 * Holds the whole file: bar-csv.stream.ts imports a file of any size in time order.
 */
export function parseBarCsv(text: string, options: ImportOptions): ParsedBars {
  const records = parseCsv(text, options.file);
  const layout = barCsvLayout(records[0]?.fields, options.file);
  const problems = new RowProblems(options);
  const symbol = options.symbol ?? symbolFromFileName(options.file);
  const rows: BarCsvRow[] = [];
  for (const record of records.slice(1)) {
    const row = readBarRow(layout, record, problems);
    if (row) rows.push(row);
  }
  rows.sort((a, b) => a.bar.t - b.bar.t || a.line - b.line);
  const bars: HistoryBar[] = [];
  const timeframe = options.timeframe ?? inferTimeframe(rows.map((r) => r.bar.t), rows.length > 0 && rows.every((r) => r.dateOnly));
  if (rows.length && !timeframe) throw new AppError('DATA_INVALID', `${options.file}: cannot tell the timeframe from the timestamps; give it explicitly`);
  let kept: BarCsvRow | undefined;
  for (const row of rows) {
    if (kept && row.bar.t === kept.bar.t) {
      reportRepeat(layout, kept, row, problems);
      continue;
    }
    kept = row;
    bars.push(historyBarOf(row, symbol, timeframe!));
  }
  return { kind: 'bars', bars, skipped: problems.skipped };
}
