import { assertPeriod } from './moving-averages.ts';
import { emptySeries, type Series } from './series.ts';

/** TA-Lib's true range of bar i: max(high−low, |high−prevClose|, |low−prevClose|); none at bar 0. */
export function trueRangeAt(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, i: number): number {
  const h = high[i]!;
  const l = low[i]!;
  const prevClose = close[i - 1]!;
  let tr = h - l;
  const up = Math.abs(h - prevClose);
  if (up > tr) tr = up;
  const down = Math.abs(l - prevClose);
  if (down > tr) tr = down;
  return tr;
}

/**
 * Average true range as TA-Lib computes it: the first value, at index `period`, is the simple average of the true
 * ranges of bars 1..period (bar 0 has none); then Wilder's (prev·(n−1) + TR)/n. trading-signals counts
 * high−low as bar 0's range and starts a bar earlier, which TA-Lib never publishes.
 */
export function atr(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, period = 14): Series {
  assertPeriod(period);
  const n = close.length;
  const out = emptySeries(n);
  if (n <= period) return out;
  const state = atrState();
  for (let i = 1; i < n; i++) {
    atrStep(state, high, low, close, i, period);
    if (i >= period) out[i] = state.value;
  }
  return out;
}

/** The true ranges summed for the seed, and the ATR at the last bar consumed (NaN before bar `period`). */
export interface AtrState {
  sum: number;
  value: number;
}

/** The state before bar 1. */
export function atrState(): AtrState {
  return { sum: 0, value: Number.NaN };
}

/** Consumes bar i (1, 2, … in order): the operations, in their order, that `atr` runs over the whole series. */
export function atrStep(s: AtrState, high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, i: number, period: number): void {
  const tr = trueRangeAt(high, low, close, i);
  if (i > period) {
    s.value = (s.value * (period - 1) + tr) / period;
    return;
  }
  s.sum += tr;
  if (i === period) s.value = s.sum / period;
}
