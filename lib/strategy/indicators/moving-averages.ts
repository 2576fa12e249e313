import { emptySeries, type Series } from './series.ts';

/**
 * Simple moving average over `period` values; first value at index period−1 (equal to TA-Lib). Each window
 * is summed afresh, left to right, exactly as trading-signals' SMA does (a running sum would drift in the
 * last bits); trading-signals is no longer a runtime dependency: it served this one average only.
 */
export function sma(values: ArrayLike<number>, period: number): Series {
  assertPeriod(period);
  const out = emptySeries(values.length);
  for (let i = period - 1; i < values.length; i++) {
    let sum = 0;
    for (let j = i - period + 1; j <= i; j++) sum += values[j]!;
    out[i] = sum / period;
  }
  return out;
}

/**
 * Exponential moving average as TA-Lib computes it: k = 2/(period+1), seeded with the simple average of the
 * first `period` values, so the first value is at index period−1. (trading-signals seeds with the first price
 * and differs from TA-Lib for ~10× the period, hence this implementation.)
 */
export function ema(values: ArrayLike<number>, period: number): Series {
  const out = emptySeries(values.length);
  emaInto(values, period, period - 1, out);
  return out;
}

/**
 * Writes into `out` an EMA whose seed is the simple average of values[seedIndex−period+1 .. seedIndex], and whose
 * first value is at `seedIndex`. TA-Lib's MACD seeds both of its averages this way at the slow average's seed.
 */
export function emaInto(values: ArrayLike<number>, period: number, seedIndex: number, out: Series): void {
  assertPeriod(period);
  const n = values.length;
  const from = seedIndex - period + 1;
  if (from < 0 || seedIndex >= n) return;
  let sum = 0;
  for (let i = from; i <= seedIndex; i++) sum += values[i]!;
  const k = 2 / (period + 1);
  let prev = sum / period;
  out[seedIndex] = prev;
  for (let i = seedIndex + 1; i < n; i++) {
    // Same operation order as TA-Lib's ((x − prev)·k) + prev, so results agree to the last bits.
    prev = (values[i]! - prev) * k + prev;
    out[i] = prev;
  }
}

/** Throws on a period that no indicator accepts (a programming error, not bad data). */
export function assertPeriod(period: number, min = 1): void {
  if (!Number.isInteger(period) || period < min) throw new Error(`period must be an integer >= ${min}, got ${period}`);
}
