import type { Bar } from '../../domain/market.ts';
import type { EpochMs } from '../../domain/time.ts';
import type { NewsItem } from '../../domain/news.ts';
import { AppError } from '../../shared/errors.ts';
import { isColumns, type BarColumns } from '../sim/market/bar-rows.ts';

/**
 * The bars starting in [from, to) of every symbol and the news versioned in [newsFrom, to), held as columns:
 * one Float64Array per field over all rows (symbol after symbol, each in time order), 80 bytes a bar instead
 * of a ~200-byte object. A missing vw or trade count is NaN.
 */
export interface SessionChunk {
  from: EpochMs;
  to: EpochMs;
  newsFrom: EpochMs;
  /** Rows of symbol index `s` are [rowStart[s], rowStart[s + 1]). */
  rowStart: Int32Array;
  t: Float64Array;
  end: Float64Array;
  o: Float64Array;
  h: Float64Array;
  l: Float64Array;
  c: Float64Array;
  v: Float64Array;
  vw: Float64Array;
  n: Float64Array;
  /** Every row in (end, symbol) order, with the ends: what barsBetween walks. */
  order: Int32Array;
  orderEnd: Float64Array;
  orderSymbol: Int32Array;
  /** News in (version, source + id) order, with the versions. */
  news: readonly NewsItem[];
  newsVersions: Float64Array;
}

/** The first index in `sorted[lo, hi)` whose value is greater than `x`. */
export function upperBound(sorted: Float64Array, x: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Row `r` of a chunk as a Bar. */
export function barOfRow(chunk: SessionChunk, r: number): Bar {
  const vw = chunk.vw[r]!;
  const n = chunk.n[r]!;
  // The usual bar, with both, in one literal: adding fields to a six-field literal allocates a second store for them.
  if (!Number.isNaN(vw) && !Number.isNaN(n)) return { t: chunk.t[r]!, o: chunk.o[r]!, h: chunk.h[r]!, l: chunk.l[r]!, c: chunk.c[r]!, v: chunk.v[r]!, vw, n };
  const bar: Bar = { t: chunk.t[r]!, o: chunk.o[r]!, h: chunk.h[r]!, l: chunk.l[r]!, c: chunk.c[r]!, v: chunk.v[r]! };
  if (!Number.isNaN(chunk.vw[r]!)) bar.vw = chunk.vw[r]!;
  if (!Number.isNaN(chunk.n[r]!)) bar.n = chunk.n[r]!;
  return bar;
}

const bySourceId = (a: NewsItem, b: NewsItem) => a.version - b.version || (a.source + a.sourceId < b.source + b.sourceId ? -1 : a.source + a.sourceId > b.source + b.sourceId ? 1 : 0);

/**
 * Merges ascending `end[lo, hi)` into the distinct ascending `acc[0, size)`, writing the union to `next`; returns its
 * size. One call per symbol: a small function TurboFan optimises in the first session, where a loop inside a
 * function called once a session runs interpreted until on-stack replacement, and deoptimises on every new case.
 */
function mergeDistinct(acc: Float64Array, size: number, end: Float64Array, lo: number, hi: number, next: Float64Array): number {
  let i = 0;
  let r = lo;
  let n = 0;
  while (i < size || r < hi) {
    const v = r >= hi || (i < size && acc[i]! <= end[r]!) ? acc[i++]! : end[r++]!;
    if (n === 0 || next[n - 1]! !== v) next[n++] = v;
  }
  return n;
}

/** The distinct values of `end`, ascending: each symbol's rows (already ascending) merged into the running set. */
function distinctEnds(end: Float64Array, rowStart: Int32Array): Float64Array {
  let acc = new Float64Array(64);
  let next = new Float64Array(64);
  let size = 0;
  for (let s = 0; s + 1 < rowStart.length; s++) {
    const lo = rowStart[s]!;
    const hi = rowStart[s + 1]!;
    if (next.length < size + hi - lo) next = new Float64Array(2 * (size + hi - lo));
    const n = mergeDistinct(acc, size, end, lo, hi, next);
    [acc, next, size] = [next, acc, n];
  }
  return acc.slice(0, size);
}

/** Ranks rows [lo, hi) (ascending ends) among the distinct ends, counting each rank's rows in `slot[rank + 1]`. */
function rankRows(end: Float64Array, distinct: Float64Array, lo: number, hi: number, rank: Int32Array, slot: Int32Array): void {
  let j = 0;
  for (let r = lo; r < hi; r++) {
    while (distinct[j]! < end[r]!) j++;
    rank[r] = j;
    slot[j + 1]!++;
  }
}

/** Places rows [lo, hi) of symbol `s` at their ranks' next free positions. */
function placeRows(s: number, lo: number, hi: number, end: Float64Array, rank: Int32Array, slot: Int32Array, order: Int32Array, orderEnd: Float64Array, orderSymbol: Int32Array): void {
  for (let r = lo; r < hi; r++) {
    const i = slot[rank[r]!]!++;
    order[i] = r;
    orderEnd[i] = end[r]!;
    orderSymbol[i] = s;
  }
}

/**
 * Every row in (end, symbol, row) order: a counting sort over the distinct ends (a session has about 1,440),
 * which each symbol's rows, already in end order, walk in step. Sorting packed keys of a whole session took
 * most of a chunk's packing.
 */
function endOrder(end: Float64Array, rowStart: Int32Array): { order: Int32Array; orderEnd: Float64Array; orderSymbol: Int32Array } {
  const symbols = rowStart.length - 1;
  const rows = end.length;
  const distinct = distinctEnds(end, rowStart);
  const rank = new Int32Array(rows);
  const slot = new Int32Array(distinct.length + 1);
  for (let s = 0; s < symbols; s++) rankRows(end, distinct, rowStart[s]!, rowStart[s + 1]!, rank, slot);
  for (let j = 1; j < slot.length; j++) slot[j]! += slot[j - 1]!;
  const order = new Int32Array(rows);
  const orderEnd = new Float64Array(rows);
  const orderSymbol = new Int32Array(rows);
  for (let s = 0; s < symbols; s++) placeRows(s, rowStart[s]!, rowStart[s + 1]!, end, rank, slot, order, orderEnd, orderSymbol);
  return { order, orderEnd, orderSymbol };
}

type ChunkColumns = Pick<SessionChunk, 't' | 'end' | 'o' | 'h' | 'l' | 'c' | 'v' | 'vw' | 'n'>;

/** Copies bars into the columns from row `r0` (a missing vw or trade count as NaN). */
function copyBars(list: readonly Bar[], cols: ChunkColumns, r0: number): void {
  let r = r0;
  for (const b of list) {
    cols.t[r] = b.t;
    cols.o[r] = b.o;
    cols.h[r] = b.h;
    cols.l[r] = b.l;
    cols.c[r] = b.c;
    cols.v[r] = b.v;
    cols.vw[r] = b.vw ?? NaN;
    cols.n[r] = b.n ?? NaN;
    r++;
  }
}

/** Writes the end of rows [lo, hi) of symbol `s`, checking that each starts in the chunk and that they end in time order. */
function stampEnds(s: number, lo: number, hi: number, t: Float64Array, end: Float64Array, input: { from: EpochMs; to: EpochMs; endOf: (symbolIndex: number, start: EpochMs) => EpochMs }): void {
  const { from, to, endOf } = input;
  let lastEnd = -Infinity;
  for (let r = lo; r < hi; r++) {
    const start = t[r]!;
    if (!(start >= from && start < to)) throw new AppError('DATA_INVALID', `A bar starting at ${new Date(start).toISOString()} is outside its session chunk [${new Date(from).toISOString()}, ${new Date(to).toISOString()})`);
    const e = endOf(s, start);
    if (e < lastEnd) throw new AppError('DATA_INVALID', `Bars of symbol #${s} are not in time order at ${new Date(start).toISOString()}`);
    lastEnd = e;
    end[r] = e;
  }
}

const FIELDS = ['t', 'o', 'h', 'l', 'c', 'v', 'vw', 'n'] as const;

/**
 * The arrays under every symbol's columns when they tile them exactly, symbol after symbol in chunk order (what
 * the synthetic market hands out: views into one set of arrays a session); the chunk adopts them rather than
 * allocate and copy 80 bytes a row again. Null when any symbol comes as objects or elsewhere.
 */
function tiledColumns(bars: readonly (readonly Bar[] | BarColumns | undefined)[], rowStart: Int32Array): Pick<SessionChunk, (typeof FIELDS)[number]> | null {
  const rows = rowStart[rowStart.length - 1]!;
  let base: BarColumns | undefined;
  for (const list of bars) if (list !== undefined && isColumns(list) && list.count > 0) base ??= list;
  if (!base || rows === 0) return null;
  const out = {} as Record<(typeof FIELDS)[number], Float64Array>;
  for (const k of FIELDS) {
    const buffer = base[k].buffer;
    if (buffer.byteLength !== rows * 8) return null;
    for (let s = 0; s < bars.length; s++) {
      const list = bars[s];
      const count = rowStart[s + 1]! - rowStart[s]!;
      if (count === 0) continue;
      if (list === undefined || !isColumns(list) || list[k].buffer !== buffer || list[k].byteOffset !== rowStart[s]! * 8) return null;
    }
    out[k] = new Float64Array(buffer, 0, rows);
  }
  return out;
}

/**
 * Packs one session's bars (by symbol index, each list in time order, all starting in [from, to)) and news
 * into a chunk. `endOf` says when a symbol's bar ends (they end in time order). Columns that tile their arrays
 * exactly are adopted, not copied: the caller hands them over.
 */
export function packChunk(input: {
  from: EpochMs;
  to: EpochMs;
  newsFrom: EpochMs;
  bars: readonly (readonly Bar[] | BarColumns | undefined)[];
  news: readonly NewsItem[];
  endOf: (symbolIndex: number, start: EpochMs) => EpochMs;
}): SessionChunk {
  const symbols = input.bars.length;
  const rowStart = new Int32Array(symbols + 1);
  for (let s = 0; s < symbols; s++) {
    const list = input.bars[s];
    rowStart[s + 1] = rowStart[s]! + (list === undefined ? 0 : isColumns(list) ? list.count : list.length);
  }
  const rows = rowStart[symbols]!;
  const tiled = tiledColumns(input.bars, rowStart);
  const cols = tiled
    ? { ...tiled, end: new Float64Array(rows) }
    : { t: new Float64Array(rows), end: new Float64Array(rows), o: new Float64Array(rows), h: new Float64Array(rows), l: new Float64Array(rows), c: new Float64Array(rows), v: new Float64Array(rows), vw: new Float64Array(rows), n: new Float64Array(rows) };
  for (let s = 0; s < symbols; s++) {
    const list = input.bars[s];
    if (list === undefined) continue;
    const r0 = rowStart[s]!;
    if (tiled) {
      // The rows are already in place.
    } else if (isColumns(list)) {
      for (const k of ['t', 'o', 'h', 'l', 'c', 'v', 'vw', 'n'] as const) cols[k].set(list[k].subarray(0, list.count), r0);
    } else {
      copyBars(list, cols, r0);
    }
    stampEnds(s, r0, rowStart[s + 1]!, cols.t, cols.end, input);
  }
  const { order, orderEnd, orderSymbol } = endOrder(cols.end, rowStart);
  const news = [...input.news].sort(bySourceId);
  return { from: input.from, to: input.to, newsFrom: input.newsFrom, rowStart, ...cols, order, orderEnd, orderSymbol, news, newsVersions: Float64Array.from(news, (x) => x.version) };
}

/** The rows of symbol index `s` as columns (views into the chunk, not copies). */
export function symbolRows(chunk: SessionChunk, s: number): BarColumns {
  const a = chunk.rowStart[s]!;
  const b = chunk.rowStart[s + 1]!;
  return { count: b - a, t: chunk.t.subarray(a, b), o: chunk.o.subarray(a, b), h: chunk.h.subarray(a, b), l: chunk.l.subarray(a, b), c: chunk.c.subarray(a, b), v: chunk.v.subarray(a, b), vw: chunk.vw.subarray(a, b), n: chunk.n.subarray(a, b) };
}

/** Bytes a chunk holds in typed arrays (news not counted). */
export function chunkBytes(chunk: SessionChunk): number {
  return chunk.t.byteLength * 10 + chunk.order.byteLength * 2 + chunk.rowStart.byteLength;
}
