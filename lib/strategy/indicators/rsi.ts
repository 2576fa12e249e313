import { assertPeriod } from './moving-averages.ts';
import { emptySeries, isZeroAsTaLib, type Series } from './series.ts';

/**
 * Relative strength index as TA-Lib computes it (Wilder): the average gain and loss are seeded with the mean of
 * the first `period` changes and smoothed as (prev·(n−1) + x)/n; RSI = 100·gain/(gain+loss), and 0 when
 * gain+loss is (TA-Lib-)zero. First value at index `period`.
 *
 * Not through trading-signals: its RSI answers 100 on a window without any change, where TA-Lib answers 0.
 */
export function rsi(close: ArrayLike<number>, period = 14): Series {
  assertPeriod(period, 2);
  const n = close.length;
  const out = emptySeries(n);
  if (n <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const change = close[i]! - close[i - 1]!;
    if (change < 0) loss -= change;
    else gain += change;
  }
  gain /= period;
  loss /= period;
  out[period] = ratio(gain, loss);
  for (let i = period + 1; i < n; i++) {
    const change = close[i]! - close[i - 1]!;
    gain *= period - 1;
    loss *= period - 1;
    if (change < 0) loss -= change;
    else gain += change;
    gain /= period;
    loss /= period;
    out[i] = ratio(gain, loss);
  }
  return out;
}

function ratio(gain: number, loss: number): number {
  const total = gain + loss;
  return isZeroAsTaLib(total) ? 0 : 100 * (gain / total);
}
