import { newYorkDayEnd, newYorkDays, type NewYorkDay } from './new-york-days.ts';
import { emptySeries, type Series } from './series.ts';

/**
 * On-balance volume as TA-Lib computes it: starts at bar 0's volume (trading-signals starts at 0), then adds the
 * bar's volume when the close rises, subtracts it when the close falls, and keeps it when the close is unchanged.
 */
export function obv(close: ArrayLike<number>, volume: ArrayLike<number>): Series {
  const n = close.length;
  const out = emptySeries(n);
  if (n === 0) return out;
  let total = Number.NaN;
  for (let i = 0; i < n; i++) {
    total = obvStep(total, close, volume, i);
    out[i] = total;
  }
  return out;
}

/** The OBV at bar i from its value `prev` at bar i−1 (bar 0: its volume), as `obv` computes it. */
export function obvStep(prev: number, close: ArrayLike<number>, volume: ArrayLike<number>, i: number): number {
  if (i === 0) return volume[0]!;
  if (close[i]! > close[i - 1]!) return prev + volume[i]!;
  if (close[i]! < close[i - 1]!) return prev - volume[i]!;
  return prev;
}

/** Bar columns the session VWAP reads. */
export interface VwapInput {
  t: ArrayLike<number>;
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
  volume: ArrayLike<number>;
}

/**
 * Session VWAP: Σ(typical price × volume) / Σ volume over the bars of the same New York calendar date so far,
 * typical price = (high + low + close)/3 (as trading-signals and TradingView). It restarts at each date's first
 * bar (extended hours included, as the bars given). No value until the date has traded some volume; a
 * zero-volume bar keeps the running value. TA-Lib has no VWAP. Only `days` (the bars' New York days, all by
 * default) are computed; the other bars have no value.
 */
export function sessionVwap(bars: VwapInput, days: readonly NewYorkDay[] = newYorkDays(bars.t)): Series {
  const out = emptySeries(bars.t.length);
  const state = vwapState();
  for (const day of days) {
    state.priceVolume = 0;
    state.volume = 0;
    for (let i = day.from; i < day.to; i++) {
      vwapAdd(state, bars, i);
      out[i] = state.value;
    }
  }
  return out;
}

/** The running sums of the bar's New York date, when that date ends (epoch ms), and the VWAP at the last bar consumed. */
export interface VwapState {
  dayEnd: number;
  priceVolume: number;
  volume: number;
  value: number;
}

/** The state before bar 0. */
export function vwapState(): VwapState {
  return { dayEnd: Number.NEGATIVE_INFINITY, priceVolume: 0, volume: 0, value: Number.NaN };
}

/** Consumes bar i (0, 1, … in order), restarting at each New York date's first bar as `sessionVwap` does. */
export function vwapStep(s: VwapState, bars: VwapInput, i: number): void {
  const t = bars.t[i]!;
  if (t >= s.dayEnd) {
    s.dayEnd = newYorkDayEnd(t);
    s.priceVolume = 0;
    s.volume = 0;
  }
  vwapAdd(s, bars, i);
}

function vwapAdd(s: VwapState, bars: VwapInput, i: number): void {
  const v = bars.volume[i]!;
  s.priceVolume += ((bars.high[i]! + bars.low[i]! + bars.close[i]!) / 3) * v;
  s.volume += v;
  s.value = s.volume > 0 ? s.priceVolume / s.volume : Number.NaN;
}
