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
  const state = rsiState();
  for (let i = 1; i < n; i++) {
    rsiStep(state, close, i, period);
    if (i >= period) out[i] = state.value;
  }
  return out;
}

/** Wilder's average gain and loss so far, and the RSI at the last bar consumed (NaN before bar `period`). */
export interface RsiState {
  gain: number;
  loss: number;
  value: number;
}

/** The state before bar 1 (bar 0 has no change). */
export function rsiState(): RsiState {
  return { gain: 0, loss: 0, value: Number.NaN };
}

/** Consumes bar i (1, 2, … in order): the operations, in their order, that `rsi` runs over the whole series. */
export function rsiStep(s: RsiState, close: ArrayLike<number>, i: number, period: number): void {
  const change = close[i]! - close[i - 1]!;
  if (i > period) {
    s.gain *= period - 1;
    s.loss *= period - 1;
  }
  if (change < 0) s.loss -= change;
  else s.gain += change;
  if (i < period) return;
  s.gain /= period;
  s.loss /= period;
  s.value = ratio(s.gain, s.loss);
}

function ratio(gain: number, loss: number): number {
  const total = gain + loss;
  return isZeroAsTaLib(total) ? 0 : 100 * (gain / total);
}
