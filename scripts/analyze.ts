/**
 * `npm run analyze -- --bars FILE.csv`: reads OHLCV bars from a CSV file and prints one JSON object per bar with
 * the bot's indicators (null until each has a value) and the candlestick patterns completing on that bar.
 *
 * CSV: a header row naming (any case, any order, other columns ignored) one timestamp column (date, datetime,
 * time or timestamp) and open, high, low, close, volume. Timestamps: ISO 8601 with a UTC offset or Z
 * (`2021-08-23 09:30:00-04:00`), a date alone (`2012-09-04`, read as that day's 09:30 New York open), or epoch
 * seconds / milliseconds (numbers below 1e11 are seconds). Rows must be in increasing time order. A bad cell
 * stops the run with its line and column, before anything is printed. The file is read as a stream (twice),
 * so memory stays bounded whatever its size.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import * as z from 'zod/mini';
import type { Bar } from '../lib/domain/market.ts';
import { newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { INDICATOR_NAMES } from '../lib/strategy/indicators/indicator-set.ts';
import { WindowedAnalysis } from '../lib/strategy/indicators/windowed-analysis.ts';

const TIME_COLUMNS = ['date', 'datetime', 'time', 'timestamp'] as const;
const PRICE_COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;
// The indicator set minus ±DI, in its order.
const CLI_INDICATORS = INDICATOR_NAMES.filter((name) => name !== 'plusDi14' && name !== 'minusDi14');

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EPOCH = /^\d+(\.\d+)?$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A problem in the input file, with where it is. */
class InputError extends Error {}

function isRealDate(y: string, m: string, d: string): boolean {
  const t = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return t.getUTCFullYear() === Number(y) && t.getUTCMonth() === Number(m) - 1 && t.getUTCDate() === Number(d);
}

function parseTime(s: string): number | null {
  if (EPOCH.test(s)) {
    const n = Number(s);
    return n < 1e11 ? Math.round(n * 1000) : Math.round(n);
  }
  const date = DATE.exec(s);
  if (date) return isRealDate(date[1]!, date[2]!, date[3]!) ? newYorkTime(s, '09:30') : null;
  const iso = ISO.exec(s);
  if (!iso || !isRealDate(iso[1]!, iso[2]!, iso[3]!)) return null;
  if (Number(iso[4]) > 23 || Number(iso[5]) > 59 || Number(iso[6] ?? 0) > 59) return null;
  const offset = iso[7]!.length === 5 ? `${iso[7]!.slice(0, 3)}:${iso[7]!.slice(3)}` : iso[7]!;
  const t = Date.parse(s.slice(0, s.length - iso[7]!.length).replace(' ', 'T') + offset);
  return Number.isNaN(t) ? null : t;
}

const Price = z.pipe(
  z.string().check(z.regex(DECIMAL, { error: 'expected a number' })),
  z.transform((s) => Number(s)),
).check(z.refine((n) => Number.isFinite(n) && n >= 0, { error: 'expected a finite number >= 0' }));

const Time = z.pipe(
  z.string(),
  z.transform((s, ctx) => {
    const t = parseTime(s);
    if (t !== null) return t;
    const message = 'expected an ISO timestamp with a UTC offset, a date (YYYY-MM-DD) or epoch seconds/milliseconds';
    ctx.issues.push({ code: 'custom', input: s, message });
    return z.NEVER;
  }),
);

const Row = z.object({ time: Time, open: Price, high: Price, low: Price, close: Price, volume: Price });

function cells(line: string): string[] {
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());
}

/**
 * Reads and checks the CSV a line at a time, handing each bar to `onBar`; throws an InputError naming the line
 * and column of the first problem. Holds one line and the previous bar's time, whatever the file's size.
 */
async function readBarsCsv(file: string, onBar: (bar: Bar) => Promise<void> | void): Promise<number> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let header: string[] | undefined;
  let index: Record<string, number> = {};
  let previous: number | undefined;
  let lineNo = 0;
  let count = 0;
  const where = (line: number, key: string) => `${file} line ${line}, column ${index[key]! + 1} (${header![index[key]!]})`;
  for await (const text of lines) {
    lineNo++;
    if (!header) {
      header = cells(text.replace(/^\ufeff/, '')).map((h) => h.toLowerCase());
      index = headerIndex(header, file);
      continue;
    }
    if (text.trim() === '') continue;
    const row = cells(text);
    if (row.length !== header.length) {
      throw new InputError(`${file} line ${lineNo}: expected ${header.length} columns, found ${row.length}`);
    }
    const raw = Object.fromEntries(Object.entries(index).map(([key, i]) => [key, row[i]!]));
    const parsed = Row.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const key = String(issue.path[0]);
      throw new InputError(`${where(lineNo, key)}: ${issue.message}, got ${JSON.stringify(raw[key]!.slice(0, 40))}`);
    }
    const { time: t, open: o, high: h, low: l, close: c, volume: v } = parsed.data;
    if (h < Math.max(o, c, l)) throw new InputError(`${where(lineNo, 'high')}: high ${h} is below the open, close or low`);
    if (l > Math.min(o, c)) throw new InputError(`${where(lineNo, 'low')}: low ${l} is above the open or close`);
    if (previous !== undefined && t <= previous) {
      throw new InputError(`${where(lineNo, 'time')}: not after the previous row's time (rows must be in increasing time order)`);
    }
    previous = t;
    count++;
    await onBar({ t, o, h, l, c, v });
  }
  if (!header) headerIndex(cells(''), file);
  return count;
}

function headerIndex(header: readonly string[], file: string): Record<string, number> {
  const timeColumns = header.filter((h) => (TIME_COLUMNS as readonly string[]).includes(h));
  if (timeColumns.length !== 1) {
    const found = timeColumns.length ? timeColumns.join(', ') : 'none';
    throw new InputError(`${file} line 1: expected exactly one timestamp column (${TIME_COLUMNS.join(', ')}), found ${found}`);
  }
  const index: Record<string, number> = { time: header.indexOf(timeColumns[0]!) };
  for (const name of PRICE_COLUMNS) {
    index[name] = header.indexOf(name);
    if (index[name] < 0) throw new InputError(`${file} line 1: missing column "${name}"`);
  }
  return index;
}

function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return args[i]!.includes('=') ? args[i]!.slice(name.length + 1) : args[i + 1];
}

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}

async function main(args: readonly string[]): Promise<number> {
  const file = argValue(args, '--bars');
  if (!file || args.includes('--help')) {
    process.stderr.write('usage: npm run analyze -- --bars FILE.csv\n');
    return file ? 0 : 2;
  }
  // Two passes: the first checks every line (a bad one stops the run before anything is printed), the
  // second analyses a window of bars at a time; neither holds the file.
  try {
    await readBarsCsv(file, () => undefined);
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`analyze: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`analyze: cannot read ${file}: ${(e as Error).message}\n`);
    return 1;
  }
  const analysis = new WindowedAnalysis(async (rows) => {
    let chunk = '';
    for (const row of rows) {
      const indicators = Object.fromEntries(CLI_INDICATORS.map((name) => [name, row.indicators[name]]));
      chunk += `${JSON.stringify({ time: new Date(row.t).toISOString(), indicators, patterns: row.patterns })}\n`;
      if (chunk.length > 64_000) {
        await write(chunk);
        chunk = '';
      }
    }
    await write(chunk);
  });
  await readBarsCsv(file, (bar) => analysis.push(bar));
  await analysis.finish();
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
