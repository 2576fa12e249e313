import type { Timeframe } from '../../domain/market.ts';
import { AppError } from '../../shared/errors.ts';
import { csvRecords } from './csv-stream.ts';
import { barCsvLayout, historyBarOf, readBarRow, reportRepeat, symbolFromFileName, type BarCsvLayout, type BarCsvRow } from './bar-csv.import.ts';
import { TimeframeInference } from './history-time.ts';
import { RowProblems, type HistoryBar, type ImportOptions } from './history-types.ts';

/** How many skipped rows a report keeps whole (all are counted). */
export const SKIPS_KEPT = 1_000;

/** What a streamed bar file held: its series, rows, skips, or the line that broke time order. */
export type BarScan =
  | { ordered: true; symbol: string; timeframe: Timeframe | null; rows: number; problems: RowProblems }
  | { ordered: false; line: number; earlierThanLine: number };

/** The rows of a bar file in order, each with the row kept before it (the first of its timestamp). */
async function* rowsOf(file: string, options: ImportOptions, problems: RowProblems): AsyncGenerator<{ layout: BarCsvLayout; row: BarCsvRow }> {
  let layout: BarCsvLayout | undefined;
  for await (const record of csvRecords(file, options.file)) {
    if (!layout) {
      layout = barCsvLayout(record.fields, options.file);
      continue;
    }
    const row = readBarRow(layout, record, problems);
    if (row) yield { layout, row };
  }
  if (!layout) barCsvLayout(undefined, options.file);
}

/**
 * First pass over a bar file: checks every row (strict: throws at the first bad one, before anything is
 * written), tells the timeframe and finds repeats, holding one row at a time. A file whose rows are not in
 * time order stops the scan (`ordered: false`): it cannot be streamed.
 */
export async function scanBarCsv(file: string, options: ImportOptions): Promise<BarScan> {
  const problems = new RowProblems(options, SKIPS_KEPT);
  const symbol = options.symbol ?? symbolFromFileName(options.file);
  const inference = new TimeframeInference();
  let kept: BarCsvRow | undefined;
  let rows = 0;
  let allDateOnly = true;
  for await (const { layout, row } of rowsOf(file, options, problems)) {
    if (kept && row.bar.t < kept.bar.t) return { ordered: false, line: row.line, earlierThanLine: kept.line };
    inference.add(row.bar.t);
    allDateOnly &&= row.dateOnly;
    if (kept && row.bar.t === kept.bar.t) {
      reportRepeat(layout, kept, row, problems);
      continue;
    }
    kept = row;
    rows++;
  }
  const timeframe = options.timeframe ?? inference.result(rows > 0 && allDateOnly);
  if (rows && !timeframe) throw new AppError('DATA_INVALID', `${options.file}: cannot tell the timeframe from the timestamps; give it explicitly`);
  return { ordered: true, symbol, timeframe, rows, problems };
}

/**
 * Second pass over a bar file `scanBarCsv` accepted: hands its bars to `write` in batches of `batchSize`
 * (first row of each timestamp, bad rows left out as the scan reported them).
 */
export async function streamBarCsv(file: string, options: ImportOptions, scan: { symbol: string; timeframe: Timeframe }, write: (bars: HistoryBar[]) => Promise<void>, batchSize = 5_000): Promise<void> {
  const quiet = new RowProblems({ ...options, lenient: true }, 0);
  let batch: HistoryBar[] = [];
  let kept: BarCsvRow | undefined;
  for await (const { row } of rowsOf(file, options, quiet)) {
    if (kept && row.bar.t === kept.bar.t) continue;
    kept = row;
    batch.push(historyBarOf(row, scan.symbol, scan.timeframe));
    if (batch.length >= batchSize) {
      await write(batch);
      batch = [];
    }
  }
  if (batch.length) await write(batch);
}
