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
  let plusDm = 0;
  let minusDm = 0;
  let tr = 0;
  let sumDx = 0;
  let adxValue = 0;
  for (let i = 1; i < n; i++) {
    const diffP = high[i]! - high[i - 1]!;
    const diffM = low[i - 1]! - low[i]!;
    if (i >= period) {
      plusDm -= plusDm / period;
      minusDm -= minusDm / period;
    }
    if (diffM > 0 && diffP < diffM) minusDm += diffM;
    else if (diffP > 0 && diffP > diffM) plusDm += diffP;
    tr = i >= period ? tr - tr / period + trueRangeAt(high, low, close, i) : tr + trueRangeAt(high, low, close, i);
    if (i < period) continue;

    let dx = Number.NaN;
    if (isZeroAsTaLib(tr)) {
      out.plusDi[i] = 0;
      out.minusDi[i] = 0;
    } else {
      const plus = 100 * (plusDm / tr);
      const minus = 100 * (minusDm / tr);
      out.plusDi[i] = plus;
      out.minusDi[i] = minus;
      const sum = plus + minus;
      if (!isZeroAsTaLib(sum)) dx = 100 * (Math.abs(minus - plus) / sum);
    }
    if (i < 2 * period - 1) {
      if (!Number.isNaN(dx)) sumDx += dx;
    } else if (i === 2 * period - 1) {
      if (!Number.isNaN(dx)) sumDx += dx;
      adxValue = sumDx / period;
      out.adx[i] = adxValue;
    } else {
      if (!Number.isNaN(dx)) adxValue = (adxValue * (period - 1) + dx) / period;
      out.adx[i] = adxValue;
    }
  }
  return out;
}
