import { assertPeriod } from './moving-averages.ts';
import { emptySeries, type Series } from './series.ts';

/** Bollinger bands aligned with the bars. */
export interface BollingerSeries {
  upper: Series;
  middle: Series;
  lower: Series;
}

/**
 * Bollinger bands as TA-Lib's BBANDS (SMA middle) computes them: middle = SMA(period); σ = population standard
 * deviation from running sums, √(mean(x²) − middle²), taken as 0 when that variance is below 1e-8 (TA-Lib's
 * absolute tolerance: bands collapse onto the middle for very quiet sub-dollar prices); bands = middle ± deviations·σ.
 * First value at index period−1.
 *
 * trading-signals' BollingerBands gives the same values (checked in the tests) but allocates two arrays per bar:
 * it was 40 % of the whole analysis time (indicators, patterns and setups) in bench/analysis.bench.ts.
 */
export function bollinger(close: ArrayLike<number>, period = 20, deviations = 2): BollingerSeries {
  assertPeriod(period, 2);
  const n = close.length;
  const out: BollingerSeries = { upper: emptySeries(n), middle: emptySeries(n), lower: emptySeries(n) };
  if (n < period) return out;
  const state = bollingerState();
  for (let i = 0; i < n; i++) {
    bollingerStep(state, close, i, period, deviations);
    if (i < period - 1) continue;
    out.middle[i] = state.middle;
    out.upper[i] = state.upper;
    out.lower[i] = state.lower;
  }
  return out;
}

/** The running sums of the window and the bands at the last bar consumed (NaN before bar period−1). */
export interface BollingerState {
  sum: number;
  sumSquares: number;
  upper: number;
  middle: number;
  lower: number;
}

/** The state before bar 0. */
export function bollingerState(): BollingerState {
  return { sum: 0, sumSquares: 0, upper: Number.NaN, middle: Number.NaN, lower: Number.NaN };
}

/** Consumes bar i (0, 1, … in order): the operations, in their order, that `bollinger` runs over the whole series. */
export function bollingerStep(s: BollingerState, close: ArrayLike<number>, i: number, period: number, deviations: number): void {
  const x = close[i]!;
  s.sum += x;
  s.sumSquares += x * x;
  if (i < period - 1) return;
  const middle = s.sum / period;
  const variance = s.sumSquares / period - middle * middle;
  const sigma = variance < 1e-8 ? 0 : Math.sqrt(variance);
  s.middle = middle;
  s.upper = middle + deviations * sigma;
  s.lower = middle - deviations * sigma;
  const old = close[i - period + 1]!;
  s.sum -= old;
  s.sumSquares -= old * old;
}
