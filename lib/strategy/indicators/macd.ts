import { assertPeriod, emaInto } from './moving-averages.ts';
import { emptySeries, type Series } from './series.ts';

/** MACD line, signal line and histogram, aligned with the bars. */
export interface MacdSeries {
  macd: Series;
  signal: Series;
  histogram: Series;
}

/**
 * MACD(fast, slow, signal) as TA-Lib computes it: both EMAs (k = 2/(n+1)) are seeded at the slow EMA's first
 * bar (index slow−1) with simple averages of their own last `n` closes; the signal EMA is seeded with the simple
 * average of the first `signal` MACD values. All three series start at index slow+signal−2 (33 for 12/26/9), where
 * TA-Lib publishes its first output. trading-signals seeds every EMA at bar 0 and differs until ~bar 200.
 */
export function macd(close: ArrayLike<number>, fastPeriod = 12, slowPeriod = 26, signalPeriod = 9): MacdSeries {
  assertPeriod(fastPeriod, 2);
  assertPeriod(signalPeriod);
  if (slowPeriod < fastPeriod) [fastPeriod, slowPeriod] = [slowPeriod, fastPeriod]; // TA-Lib swaps them too
  const n = close.length;
  const out: MacdSeries = { macd: emptySeries(n), signal: emptySeries(n), histogram: emptySeries(n) };
  const seed = slowPeriod - 1;
  const first = seed + signalPeriod - 1;
  if (n <= first) return out;

  const fast = emptySeries(n);
  const slow = emptySeries(n);
  emaInto(close, fastPeriod, seed, fast);
  emaInto(close, slowPeriod, seed, slow);
  const line = emptySeries(n);
  for (let i = seed; i < n; i++) line[i] = fast[i]! - slow[i]!;
  emaInto(line, signalPeriod, first, out.signal);

  for (let i = first; i < n; i++) {
    out.macd[i] = line[i]!;
    out.histogram[i] = line[i]! - out.signal[i]!;
  }
  return out;
}
