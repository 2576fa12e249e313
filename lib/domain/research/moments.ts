import { quantile } from './sample-stats.ts';
/** Moments of a sample as the overfitting statistics use them (pure; empty input gives NaN, not a throw). */

/** Arithmetic mean. */
export function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** Sample variance (ddof 1); 0 under two values. */
export function sampleVariance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
}

/** Skewness and (non-excess) kurtosis, population moments as the deflated Sharpe ratio uses them (a normal sample: about 0 and 3). */
export function shapeOf(xs: readonly number[]): { skewness: number; kurtosis: number } {
  const m = mean(xs);
  const m2 = xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length;
  if (!(m2 > 0)) return { skewness: 0, kurtosis: 3 };
  const m3 = xs.reduce((s, x) => s + (x - m) ** 3, 0) / xs.length;
  const m4 = xs.reduce((s, x) => s + (x - m) ** 4, 0) / xs.length;
  return { skewness: m3 / m2 ** 1.5, kurtosis: m4 / m2 ** 2 };
}

/** Per-period Sharpe ratio (mean over sample standard deviation, not annualised); null under two values or without dispersion. */
export function periodSharpe(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const sd = Math.sqrt(sampleVariance(xs));
  return sd > 0 ? mean(xs) / sd : null;
}

/** The q-th percentile (0..100) with linear interpolation between closest ranks (numpy's default). */
export function percentile(xs: readonly number[], q: number): number {
  if (xs.length === 0) throw new Error('percentile of an empty sample');
  if (!(q >= 0 && q <= 100)) throw new Error(`percentile: q must be in [0, 100] (got ${q})`);
  return quantile([...xs].sort((a, b) => a - b), q / 100);
}
