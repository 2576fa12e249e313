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
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < period - 1; i++) {
    sum += close[i]!;
    sumSquares += close[i]! * close[i]!;
  }
  for (let i = period - 1; i < n; i++) {
    const x = close[i]!;
    sum += x;
    sumSquares += x * x;
    const middle = sum / period;
    const variance = sumSquares / period - middle * middle;
    const sigma = variance < 1e-8 ? 0 : Math.sqrt(variance);
    out.middle[i] = middle;
    out.upper[i] = middle + deviations * sigma;
    out.lower[i] = middle - deviations * sigma;
    const old = close[i - period + 1]!;
    sum -= old;
    sumSquares -= old * old;
  }
  return out;
}
