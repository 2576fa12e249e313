/**
 * A numeric series aligned with the bars it was computed from: element i belongs to bar i. `NaN` marks a bar
 * where the indicator has no value yet (TA-Lib's lookback); read single values through `valueAt`, which turns
 * that into `null`.
 */
export type Series = Float64Array;

/** A series of `length` elements, all without a value. */
export function emptySeries(length: number): Series {
  return new Float64Array(length).fill(Number.NaN);
}

/** The value of `series` at bar `index`, or null when there is none (warm-up, or out of range). */
export function valueAt(series: Series, index: number): number | null {
  const v = series[index];
  return v === undefined || Number.isNaN(v) ? null : v;
}

/** The value at the last bar, or null. */
export function lastValue(series: Series): number | null {
  return valueAt(series, series.length - 1);
}

/** Index of the first bar with a value, or -1 when the series has none. */
export function firstValueIndex(series: Series): number {
  for (let i = 0; i < series.length; i++) if (!Number.isNaN(series[i]!)) return i;
  return -1;
}

/**
 * TA-Lib's `TA_IS_ZERO`: an absolute tolerance of 1e-8, used where TA-Lib guards a division. Kept absolute (not
 * relative) on purpose: it is what TA-Lib publishes, and this module never publishes anything else.
 */
export function isZeroAsTaLib(v: number): boolean {
  return v > -1e-8 && v < 1e-8;
}
