import { newYorkDays, type NewYorkDay } from './new-york-days.ts';
import { emptySeries, type Series } from './series.ts';

/**
 * On-balance volume as TA-Lib computes it: starts at bar 0's volume (trading-signals starts at 0), then adds the
 * bar's volume when the close rises, subtracts it when the close falls, and keeps it when the close is unchanged.
 */
export function obv(close: ArrayLike<number>, volume: ArrayLike<number>): Series {
  const n = close.length;
  const out = emptySeries(n);
  if (n === 0) return out;
  let total = volume[0]!;
  out[0] = total;
  for (let i = 1; i < n; i++) {
    if (close[i]! > close[i - 1]!) total += volume[i]!;
    else if (close[i]! < close[i - 1]!) total -= volume[i]!;
    out[i] = total;
  }
  return out;
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
  const n = bars.t.length;
  const out = emptySeries(n);
  for (const day of days) {
    let priceVolume = 0;
    let volume = 0;
    for (let i = day.from; i < day.to; i++) {
      const v = bars.volume[i]!;
      priceVolume += ((bars.high[i]! + bars.low[i]! + bars.close[i]!) / 3) * v;
      volume += v;
      if (volume > 0) out[i] = priceVolume / volume;
    }
  }
  return out;
}
