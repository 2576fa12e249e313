import { assertPeriod } from './moving-averages.ts';
import { emptySeries, type Series } from './series.ts';

/** TA-Lib's true range of bar i: max(high−low, |high−prevClose|, |low−prevClose|); none at bar 0. */
export function trueRangeAt(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, i: number): number {
  const h = high[i]!;
  const l = low[i]!;
  const prevClose = close[i - 1]!;
  let tr = h - l;
  const up = Math.abs(h - prevClose);
  if (up > tr) tr = up;
  const down = Math.abs(l - prevClose);
  if (down > tr) tr = down;
  return tr;
}

/**
 * Average true range as TA-Lib computes it: the first value, at index `period`, is the simple average of the true
 * ranges of bars 1..period (bar 0 has none); then Wilder's (prev·(n−1) + TR)/n. trading-signals counts
 * high−low as bar 0's range and starts a bar earlier, which TA-Lib never publishes.
 */
export function atr(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, period = 14): Series {
  assertPeriod(period);
  const n = close.length;
  const out = emptySeries(n);
  if (n <= period) return out;
  let sum = 0;
  for (let i = 1; i <= period; i++) sum += trueRangeAt(high, low, close, i);
  let prev = sum / period;
  out[period] = prev;
  for (let i = period + 1; i < n; i++) {
    prev = (prev * (period - 1) + trueRangeAt(high, low, close, i)) / period;
    out[i] = prev;
  }
  return out;
}
