import type { Bar } from '../../domain/market.ts';
import type { EpochMs } from '../../domain/time.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { NewYorkDays } from './new-york-days.ts';
import { isColumns, type BarColumns } from '../sim/market/bar-rows.ts';

/**
 * The quoted spread a replay of stored history assumes, per symbol and day, from what history gives (it has
 * no quotes): the Abdi-Ranaldo (2017) close-high-low estimator over the previous `windowDays` daily bars,
 * floored by a liquidity heuristic from the previous `volumeDays` days' dollar volume and by one price tick.
 * Point in time: a day's spread uses only the days before it.
 *
 * Abdi, F. and Ranaldo, A. (2017), "A Simple Estimation of Bid-Ask Spreads from Daily Close, High, and Low
 * Prices", Review of Financial Studies 30(12): with c = ln close and η = (ln high + ln low) / 2, the squared
 * spread is estimated as 4 (c_t − η_t)(c_t − η_{t+1}), averaged over the window, negative averages set to 0.
 *
 * The floor, 5 bps × √($100M / average daily dollar volume) clamped to [1, 100] bps, is a heuristic fitted
 * by eye to published US equity quoted spreads (about 1-2 bps for names trading $1B a day, 5 bps at $100M,
 * 15-20 bps at $10M, 50 bps at $1M). High-low estimators are noisy on few days and read zero on prices that
 * print at the mid, so the floor is what keeps a quiet or synthetic history from trading for free.
 */
export const SPREAD_MODEL_NAME = 'Abdi-Ranaldo (2017) close-high-low estimator, previous 60 daily bars, floored by 5 bps x sqrt($100M / 20-day average dollar volume) in [1, 100] bps and one tick; 10 bps before any history';

export interface SpreadModelOptions {
  windowDays?: number;
  volumeDays?: number;
  /** Spread of a symbol's first day (nothing before it to estimate from), bps. */
  defaultBps?: number;
}

/** One symbol's spread by day: `bps[i]` holds from `from[i]` (New York midnight) on. */
export interface SpreadSchedule {
  from: Float64Array;
  bps: Float64Array;
}

/** One New York day of a symbol as the spread model sees it. */
export interface DailyOhlc {
  date: string;
  h: number;
  l: number;
  c: number;
  dollarVolume: number;
}

/** Daily high, low, close and dollar volume by New York date (intraday bars merged; a daily bar is its own day). */
export function dailyOf(bars: readonly Bar[] | BarColumns, days: NewYorkDays = new NewYorkDays()): DailyOhlc[] {
  const out: DailyOhlc[] = [];
  let dayEnd = -Infinity;
  const add = (t: EpochMs, h: number, l: number, c: number, value: number) => {
    const last = out.at(-1);
    // Bars are in time order: a New York date lookup only when a bar passes the current day's end.
    const date = t < dayEnd && last ? last.date : days.dateOf(t);
    if (!(t < dayEnd)) dayEnd = days.nextMidnight(date);
    if (last && last.date === date) {
      last.h = Math.max(last.h, h);
      last.l = Math.min(last.l, l);
      last.c = c;
      last.dollarVolume += value;
    } else {
      out.push({ date, h, l, c, dollarVolume: value });
    }
  };
  if (isColumns(bars)) {
    const { t, h, l, c, v, vw } = bars;
    for (let r = 0; r < bars.count; r++) add(t[r]!, h[r]!, l[r]!, c[r]!, v[r]! * (Number.isNaN(vw[r]!) ? (h[r]! + l[r]! + c[r]!) / 3 : vw[r]!));
  } else {
    for (const b of bars) add(b.t, b.h, b.l, b.c, b.v * (b.vw ?? (b.h + b.l + b.c) / 3));
  }
  return out;
}

/** The liquidity floor for an average daily dollar volume, bps. */
export function liquidityFloorBps(averageDollarVolume: number): number {
  if (!(averageDollarVolume > 0)) return 100;
  return Math.min(100, Math.max(1, 5 * Math.sqrt(1e8 / averageDollarVolume)));
}

/** The Abdi-Ranaldo spread over consecutive days (fraction of the price; 0 when the average is negative, null under two days). */
export function abdiRanaldoSpread(days: readonly { h: number; l: number; c: number }[]): number | null {
  if (days.length < 2) return null;
  let sum = 0;
  for (let t = 0; t + 1 < days.length; t++) {
    const c = Math.log(days[t]!.c);
    const eta = (Math.log(days[t]!.h) + Math.log(days[t]!.l)) / 2;
    const etaNext = (Math.log(days[t + 1]!.h) + Math.log(days[t + 1]!.l)) / 2;
    sum += 4 * (c - eta) * (c - etaNext);
  }
  return Math.sqrt(Math.max(0, sum / (days.length - 1)));
}

/** One price tick in bps of `price` (a cent at $1 and over, 1/100 cent under; crypto: none). */
function tickBps(price: number, crypto: boolean): number {
  if (crypto || !(price > 0)) return 0;
  return ((price >= 1 ? 0.01 : 0.0001) / price) * 10_000;
}

/** The spread of day `i` of `days` (oldest first) from the days before it, bps. */
export function spreadOfDay(days: readonly DailyOhlc[], i: number, crypto: boolean, options: SpreadModelOptions = {}): number {
  if (i === 0) return options.defaultBps ?? 10;
  const window = days.slice(Math.max(0, i - (options.windowDays ?? 60)), i);
  const recent = days.slice(Math.max(0, i - (options.volumeDays ?? 20)), i);
  const adv = recent.reduce((s, d) => s + d.dollarVolume, 0) / recent.length;
  const ar = (abdiRanaldoSpread(window) ?? 0) * 10_000;
  return Math.max(ar, liquidityFloorBps(adv), tickBps(days[i - 1]!.c, crypto));
}

/** The spread schedule of one symbol's bars (oldest first). */
export function spreadSchedule(bars: readonly Bar[], crypto: boolean, options: SpreadModelOptions = {}): SpreadSchedule {
  const days = dailyOf(bars);
  const from = new Float64Array(days.length);
  const bps = new Float64Array(days.length);
  for (let i = 0; i < days.length; i++) {
    from[i] = newYorkTime(days[i]!.date, '00:00');
    bps[i] = spreadOfDay(days, i, crypto, options);
  }
  return { from, bps };
}

/** The spread in force at `t` in a schedule, bps (`fallback` before its first day). */
export function spreadAt(schedule: SpreadSchedule, t: EpochMs, fallback: number): number {
  let lo = 0;
  let hi = schedule.from.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (schedule.from[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? fallback : schedule.bps[lo - 1]!;
}
