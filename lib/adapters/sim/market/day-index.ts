import type { EpochMs } from '../../../domain/time.ts';
import { MINUTE_MS } from '../../../domain/time.ts';
import type { SymbolDay } from './symbol-day.ts';
import type { SymbolBar } from '../sim-feed.ts';
import { barAt } from './bar-rows.ts';

/**
 * Every bar of one New York date for the whole universe in (start time, symbol) order, as two parallel
 * integer arrays bucketed by minute slot, so replaying a minute is a slice rather than a search.
 */
export interface DayIndex {
  /** First bar start covered (New York midnight). */
  base: EpochMs;
  slots: number;
  /** Entries of slot s are [offsets[s], offsets[s + 1]). */
  offsets: Uint32Array;
  symbolIndex: Uint32Array;
  row: Uint32Array;
  days: (SymbolDay | null)[];
  size: number;
  /** Every entry as a frozen SymbolBar, built on first replay when the day is small enough. */
  frozen: SymbolBar[] | null;
}

/** Builds the index of one date from its symbol-days (in universe order, which is symbol order). */
export function buildDayIndex(base: EpochMs, slots: number, days: (SymbolDay | null)[]): DayIndex {
  const counts = new Uint32Array(slots + 1);
  let size = 0;
  for (const d of days) {
    if (!d) continue;
    size += d.count;
    for (let r = 0; r < d.count; r++) counts[(d.start[r]! - base) / MINUTE_MS + 1]!++;
  }
  for (let s = 1; s <= slots; s++) counts[s]! += counts[s - 1]!;
  const offsets = counts.slice();
  const cursor = counts.slice(0, slots);
  const symbolIndex = new Uint32Array(size);
  const row = new Uint32Array(size);
  for (let i = 0; i < days.length; i++) {
    const d = days[i];
    if (!d) continue;
    for (let r = 0; r < d.count; r++) {
      const at = cursor[(d.start[r]! - base) / MINUTE_MS]!++;
      symbolIndex[at] = i;
      row[at] = r;
    }
  }
  return { base, slots, offsets, symbolIndex, row, days, size, frozen: null };
}

/** Entry range [from, to) of the bars starting in [startFrom, startTo] (both minute-aligned). */
export function entryRange(index: DayIndex, startFrom: EpochMs, startTo: EpochMs): [number, number] {
  const s0 = Math.max(0, Math.ceil((startFrom - index.base) / MINUTE_MS));
  const s1 = Math.min(index.slots - 1, Math.floor((startTo - index.base) / MINUTE_MS));
  if (s1 < s0) return [0, 0];
  return [index.offsets[s0]!, index.offsets[s1 + 1]!];
}

/** Entries [lo, hi) as SymbolBars: fresh objects, or slices of the frozen ones when they are built. */
export function entryBars(index: DayIndex, symbols: readonly string[], lo: number, hi: number): SymbolBar[] {
  if (index.frozen) return index.frozen.slice(lo, hi);
  const out = new Array<SymbolBar>(hi - lo);
  for (let e = lo; e < hi; e++) {
    const s = index.symbolIndex[e]!;
    out[e - lo] = { symbol: symbols[s]!, bar: barAt(index.days[s]!, index.row[e]!) };
  }
  return out;
}

/**
 * Builds the frozen SymbolBars of a day once, so replaying it minute by minute only slices an array.
 * Frozen because they are shared by every caller: a caller that wants to change a bar copies it.
 */
export function freezeEntries(index: DayIndex, symbols: readonly string[]): void {
  const all = entryBars(index, symbols, 0, index.size);
  for (const e of all) {
    Object.freeze(e.bar);
    Object.freeze(e);
  }
  index.frozen = all;
}
