import { assertPeriod, emaInto, emaNext, emaStep } from './moving-averages.ts';
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

/** Both averages, the MACD values summed for the signal's seed, and the values at the last bar consumed (NaN until they exist). */
export interface MacdState {
  fast: number;
  slow: number;
  lineSum: number;
  macd: number;
  signal: number;
  histogram: number;
}

/** The state before bar 0. */
export function macdState(): MacdState {
  return { fast: Number.NaN, slow: Number.NaN, lineSum: 0, macd: Number.NaN, signal: Number.NaN, histogram: Number.NaN };
}

/**
 * Consumes bar i (0, 1, … in order; fastPeriod < slowPeriod): the operations, in their order, that `macd` runs
 * over the whole series (the signal's seed sums the MACD values left to right from 0, as emaInto does).
 */
export function macdStep(s: MacdState, close: ArrayLike<number>, i: number, fastPeriod: number, slowPeriod: number, signalPeriod: number): void {
  const seed = slowPeriod - 1;
  if (i < seed) return;
  s.fast = emaStep(close, i, fastPeriod, seed, s.fast);
  s.slow = emaStep(close, i, slowPeriod, seed, s.slow);
  const line = s.fast - s.slow;
  const first = seed + signalPeriod - 1;
  if (i <= first) s.lineSum += line;
  if (i < first) return;
  s.signal = i === first ? s.lineSum / signalPeriod : emaNext(line, s.signal, signalPeriod);
  s.macd = line;
  s.histogram = line - s.signal;
}
