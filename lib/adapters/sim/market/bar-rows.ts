import type { Bar } from '../../../domain/market.ts';
import type { EpochMs } from '../../../domain/time.ts';
import type { SymbolDay } from './symbol-day.ts';

/** Row `row` of a symbol-day as a Bar (a fresh object: callers may keep or change it). */
export function barAt(day: SymbolDay, row: number): Bar {
  const p = 5 * row;
  const s = day.scale;
  const px = day.px;
  return { t: day.start[row]!, o: px[p]! / s, h: px[p + 1]! / s, l: px[p + 2]! / s, c: px[p + 3]! / s, v: day.volume[row]!, vw: px[p + 4]! / s, n: day.trades[row]! };
}

/** Index of the first row starting at or after `t` (count when none). */
export function firstRowFrom(day: SymbolDay, t: EpochMs): number {
  let lo = 0;
  let hi = day.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (day.start[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bars as columns (`count` rows, time order, prices USD): what barAt gives, without an object per bar. */
export interface BarColumns {
  count: number;
  t: Float64Array;
  o: Float64Array;
  h: Float64Array;
  l: Float64Array;
  c: Float64Array;
  v: Float64Array;
  /** NaN where a bar has no vw (never for the synthetic market). */
  vw: Float64Array;
  /** NaN where a bar has no trade count (never for the synthetic market). */
  n: Float64Array;
}

/** Rows [lo, hi) of one symbol-day. */
export interface RowSpan {
  day: SymbolDay;
  lo: number;
  hi: number;
}

/** Rows of each span, in order, as fresh Bar objects. */
export function barsOfRows(parts: readonly RowSpan[]): Bar[] {
  const bars: Bar[] = [];
  for (const { day, lo, hi } of parts) for (let r = lo; r < hi; r++) bars.push(barAt(day, r));
  return bars;
}

/** Rows of each span, in order, as one set of columns (the same numbers as barAt). */
export function columnsOfRows(parts: readonly RowSpan[]): BarColumns {
  const count = parts.reduce((n, p) => n + p.hi - p.lo, 0);
  const cols: BarColumns = { count, t: new Float64Array(count), o: new Float64Array(count), h: new Float64Array(count), l: new Float64Array(count), c: new Float64Array(count), v: new Float64Array(count), vw: new Float64Array(count), n: new Float64Array(count) };
  let k = 0;
  for (const { day, lo, hi } of parts) {
    const { px, scale } = day;
    for (let r = lo; r < hi; r++, k++) {
      const p = 5 * r;
      cols.t[k] = day.start[r]!;
      cols.o[k] = px[p]! / scale;
      cols.h[k] = px[p + 1]! / scale;
      cols.l[k] = px[p + 2]! / scale;
      cols.c[k] = px[p + 3]! / scale;
      cols.v[k] = day.volume[r]!;
      cols.vw[k] = px[p + 4]! / scale;
      cols.n[k] = day.trades[r]!;
    }
  }
  return cols;
}

/** True when a symbol's bars come as columns rather than Bar objects. */
export function isColumns(bars: readonly Bar[] | BarColumns): bars is BarColumns {
  return !Array.isArray(bars);
}
