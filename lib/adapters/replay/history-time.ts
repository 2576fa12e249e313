import type { Timeframe } from '../../domain/market.ts';
import type { EpochMs } from '../../domain/time.ts';
import { MINUTE_MS } from '../../domain/time.ts';
import { newYorkParts, newYorkTime } from '../../domain/calendar/new-york-time.ts';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})$/;

/** A parsed history timestamp: an instant, and whether the source gave only a date (a daily bar). */
export interface HistoryTime {
  t: EpochMs;
  dateOnly: boolean;
}

/**
 * Reads `YYYY-MM-DD` (a New York trading date: its bar is stamped at New York midnight, as Alpaca stamps
 * daily bars) or a date-time with an explicit UTC offset (`2021-08-23 09:30:00-04:00`, `...Z`). A local
 * time without an offset is ambiguous and rejected. Returns null when the text is not a valid timestamp.
 */
export function parseHistoryTime(text: string): HistoryTime | null {
  return historyTimeProblem(text) === null ? readHistoryTime(text) : null;
}

/** The earliest history accepted: nothing traded electronically with minute bars before. */
const EARLIEST = Date.UTC(1970, 0, 1);
/** A day of slack past the machine's clock (time zones), and no more: a bar from the future is a typo. */
const FUTURE_SLACK_MS = 2 * 86_400_000;

function realDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Why a history timestamp is refused (in words, for the line's report), or null when it is fine. */
export function historyTimeProblem(text: string): string | null {
  const s = text.trim();
  const date = DATE_ONLY.test(s) ? s : WITH_OFFSET.exec(s)?.[1];
  if (!date) return 'expected a date (YYYY-MM-DD) or a date-time with its UTC offset';
  if (!realDate(date)) return `${date} is not a calendar date`;
  const clock = WITH_OFFSET.exec(s)?.[2];
  if (clock) {
    const [h, mi, se] = clock.split(':').map((x) => Number.parseFloat(x)) as [number, number, number?];
    if (h > 23 || mi > 59 || (se ?? 0) >= 60) return `${clock} is not a time of day`;
  }
  const parsed = readHistoryTime(s);
  if (!parsed) return 'expected a date (YYYY-MM-DD) or a date-time with its UTC offset';
  if (parsed.t < EARLIEST) return `${date} is before 1970`;
  if (parsed.t > Date.now() + FUTURE_SLACK_MS) return `${date} is in the future`;
  return null;
}

function readHistoryTime(text: string): HistoryTime | null {
  const s = text.trim();
  if (DATE_ONLY.test(s)) {
    const t = Date.parse(`${s}T00:00:00Z`);
    return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== s ? null : { t: newYorkTime(s, '00:00'), dateOnly: true };
  }
  const m = WITH_OFFSET.exec(s);
  if (!m) return null;
  const [, date, time, zone] = m;
  const offset = zone === 'Z' ? 'Z' : zone!.includes(':') ? zone : `${zone!.slice(0, 3)}:${zone!.slice(3)}`;
  // Milliseconds at most: nanosecond digits beyond them are dropped, as everywhere in the core.
  const t = Date.parse(`${date}T${time!.replace(/(\.\d{3})\d+$/, '$1')}${offset}`);
  return Number.isNaN(t) ? null : { t, dateOnly: false };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * The timeframe of a series told from its timestamps given one at a time in time order, holding a few
 * numbers whatever the length (how a file of any size is imported): see `inferTimeframe`.
 */
export class TimeframeInference {
  private count = 0;
  private previous = 0;
  private allMidnight = true;
  private minGapMs = Infinity;
  private step = 0;

  /** The next timestamp; throws when it is earlier than the one before (a programming error). */
  add(t: EpochMs): void {
    if (this.count > 0) {
      if (t < this.previous) throw new Error('TimeframeInference: timestamps must come in time order');
      this.minGapMs = Math.min(this.minGapMs, t - this.previous);
      const gap = Math.round((t - this.previous) / MINUTE_MS);
      if (gap > 0) this.step = gcd(this.step, gap);
    }
    if (this.allMidnight && newYorkParts(t).minuteOfDay !== 0) this.allMidnight = false;
    this.previous = t;
    this.count++;
  }

  /** The timeframe so far; `dateOnly`: the source gave dates only (a daily file). */
  result(dateOnly = false): Timeframe | null {
    if (dateOnly) return '1Day';
    if (this.count && this.allMidnight && this.minGapMs >= 23 * 60 * MINUTE_MS) return '1Day';
    const step = this.step;
    if (step === 0) return null;
    if (step < 60) return `${step}Min`;
    if (step % 60 === 0 && step / 60 < 24) return `${step / 60}Hour`;
    return step === 1440 ? '1Day' : null;
  }
}

/**
 * The bar timeframe of a series from its timestamps: 1Day when every bar sits on a New York midnight
 * (or the source gave dates), otherwise the greatest common divisor of the gaps, so sparse minute data
 * (thin extended hours) is still 1Min. Null when it cannot be told (a single intraday bar).
 */
export function inferTimeframe(times: readonly EpochMs[], dateOnly = false): Timeframe | null {
  const inference = new TimeframeInference();
  for (const t of [...times].sort((a, b) => a - b)) inference.add(t);
  return inference.result(dateOnly);
}
