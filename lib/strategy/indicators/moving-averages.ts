import { emptySeries, type Series } from './series.ts';

/**
 * Simple moving average over `period` values; first value at index period−1 (equal to TA-Lib). Each window
 * is summed afresh, left to right, exactly as trading-signals' SMA does (a running sum would drift in the
 * last bits); trading-signals is no longer a runtime dependency: it served this one average only.
 */
export function sma(values: ArrayLike<number>, period: number): Series {
  assertPeriod(period);
  const out = emptySeries(values.length);
  for (let i = period - 1; i < values.length; i++) out[i] = smaAt(values, i, period);
  return out;
}

/** The simple average of the `period` values ending at bar i (i ≥ period−1), summed left to right as `sma` does. */
export function smaAt(values: ArrayLike<number>, i: number, period: number): number {
  let sum = 0;
  for (let j = i - period + 1; j <= i; j++) sum += values[j]!;
  return sum / period;
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
  if (seedIndex - period + 1 < 0 || seedIndex >= values.length) return;
  let prev = Number.NaN;
  for (let i = seedIndex; i < values.length; i++) {
    prev = emaStep(values, i, period, seedIndex, prev);
    out[i] = prev;
  }
}

/**
 * The EMA at bar i from its value `prev` at bar i−1, seeded at `seedIndex` as `emaInto` does (NaN before it). The
 * one formula shared by the whole-series average and the incremental state (indicator-state.ts), so both agree
 * to the last bit.
 */
export function emaStep(values: ArrayLike<number>, i: number, period: number, seedIndex: number, prev: number): number {
  if (i < seedIndex) return Number.NaN;
  return i > seedIndex ? emaNext(values[i]!, prev, period) : smaAt(values, seedIndex, period);
}

/** One EMA update, k = 2/(period+1), in TA-Lib's operation order ((x − prev)·k) + prev, so results agree to the last bits. */
export function emaNext(x: number, prev: number, period: number): number {
  return (x - prev) * (2 / (period + 1)) + prev;
}

/** Throws on a period that no indicator accepts (a programming error, not bad data). */
export function assertPeriod(period: number, min = 1): void {
  if (!Number.isInteger(period) || period < min) throw new Error(`period must be an integer >= ${min}, got ${period}`);
}
