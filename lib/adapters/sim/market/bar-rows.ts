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

/**
 * The rows of each group of spans, in order, as columns (the same numbers as barAt), each group's columns views
 * into one set of arrays: a session of 500 symbols allocates eight arrays rather than eight per symbol (each a
 * separate off-heap buffer the collector tracks).
 */
export function columnsOfGroups(groups: readonly (readonly RowSpan[])[]): BarColumns[] {
  let total = 0;
  for (const parts of groups) for (const p of parts) total += p.hi - p.lo;
  const all: BarColumns = { count: total, t: new Float64Array(total), o: new Float64Array(total), h: new Float64Array(total), l: new Float64Array(total), c: new Float64Array(total), v: new Float64Array(total), vw: new Float64Array(total), n: new Float64Array(total) };
  const out: BarColumns[] = [];
  let k = 0;
  for (const parts of groups) {
    const k0 = k;
    for (const part of parts) k = fillRows(part, all, k);
    out.push({ count: k - k0, t: all.t.subarray(k0, k), o: all.o.subarray(k0, k), h: all.h.subarray(k0, k), l: all.l.subarray(k0, k), c: all.c.subarray(k0, k), v: all.v.subarray(k0, k), vw: all.vw.subarray(k0, k), n: all.n.subarray(k0, k) });
  }
  return out;
}

/** Writes rows [lo, hi) of a symbol-day into `cols` from row `k`; returns the next free row. */
function fillRows({ day, lo, hi }: RowSpan, cols: BarColumns, k: number): number {
  const { px, scale, start, volume, trades } = day;
  const { t, o, h, l, c, v, vw, n } = cols;
  for (let r = lo; r < hi; r++, k++) {
    const p = 5 * r;
    t[k] = start[r]!;
    o[k] = px[p]! / scale;
    h[k] = px[p + 1]! / scale;
    l[k] = px[p + 2]! / scale;
    c[k] = px[p + 3]! / scale;
    v[k] = volume[r]!;
    vw[k] = px[p + 4]! / scale;
    n[k] = trades[r]!;
  }
  return k;
}

/** True when a symbol's bars come as columns rather than Bar objects. */
export function isColumns(bars: readonly Bar[] | BarColumns): bars is BarColumns {
  return !Array.isArray(bars);
}
