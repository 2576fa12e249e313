import { trueRangeAt } from './atr.ts';
import { assertPeriod } from './moving-averages.ts';
import { emptySeries, isZeroAsTaLib, type Series } from './series.ts';

/** Wilder's directional movement system, aligned with the bars; DI and ADX in percent (0..100). */
export interface DirectionalSeries {
  adx: Series;
  plusDi: Series;
  minusDi: Series;
}

/**
 * ADX, +DI and −DI as TA-Lib computes them: +DM/−DM and TR are summed over bars 1..n−1, then smoothed with
 * Wilder's x − x/n + new from bar n on, where the DIs start (100·DM/TR, 0 when TR is zero); DX = 100·|+DI − −DI| /
 * (+DI + −DI); the first ADX, at index 2n−1, is the mean DX of bars n..2n−1, then (prev·(n−1) + DX)/n. A bar whose
 * TR or DI sum is zero leaves the ADX unchanged, as in TA-Lib. trading-signals starts a bar earlier with other
 * seeds and gives DIs as fractions.
 */
export function adx(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, period = 14): DirectionalSeries {
  assertPeriod(period, 2);
  const n = close.length;
  const out: DirectionalSeries = { adx: emptySeries(n), plusDi: emptySeries(n), minusDi: emptySeries(n) };
  if (n <= period) return out;
  const state = adxState();
  for (let i = 1; i < n; i++) {
    adxStep(state, high, low, close, i, period);
    if (i < period) continue;
    out.plusDi[i] = state.plusDi;
    out.minusDi[i] = state.minusDi;
    if (i >= 2 * period - 1) out.adx[i] = state.adx;
  }
  return out;
}

/** Wilder's smoothed +DM, −DM and TR, the DX summed for the seed, and the values at the last bar consumed (NaN until they exist). */
export interface AdxState {
  plusDm: number;
  minusDm: number;
  tr: number;
  sumDx: number;
  adx: number;
  plusDi: number;
  minusDi: number;
}

/** The state before bar 1. */
export function adxState(): AdxState {
  return { plusDm: 0, minusDm: 0, tr: 0, sumDx: 0, adx: Number.NaN, plusDi: Number.NaN, minusDi: Number.NaN };
}

/** Consumes bar i (1, 2, … in order): the operations, in their order, that `adx` runs over the whole series. */
export function adxStep(s: AdxState, high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, i: number, period: number): void {
  const diffP = high[i]! - high[i - 1]!;
  const diffM = low[i - 1]! - low[i]!;
  if (i >= period) {
    s.plusDm -= s.plusDm / period;
    s.minusDm -= s.minusDm / period;
  }
  if (diffM > 0 && diffP < diffM) s.minusDm += diffM;
  else if (diffP > 0 && diffP > diffM) s.plusDm += diffP;
  s.tr = i >= period ? s.tr - s.tr / period + trueRangeAt(high, low, close, i) : s.tr + trueRangeAt(high, low, close, i);
  if (i < period) return;

  let dx = Number.NaN;
  if (isZeroAsTaLib(s.tr)) {
    s.plusDi = 0;
    s.minusDi = 0;
  } else {
    const plus = 100 * (s.plusDm / s.tr);
    const minus = 100 * (s.minusDm / s.tr);
    s.plusDi = plus;
    s.minusDi = minus;
    const sum = plus + minus;
    if (!isZeroAsTaLib(sum)) dx = 100 * (Math.abs(minus - plus) / sum);
  }
  if (i < 2 * period - 1) {
    if (!Number.isNaN(dx)) s.sumDx += dx;
  } else if (i === 2 * period - 1) {
    if (!Number.isNaN(dx)) s.sumDx += dx;
    s.adx = s.sumDx / period;
  } else if (!Number.isNaN(dx)) {
    s.adx = (s.adx * (period - 1) + dx) / period;
  }
}
