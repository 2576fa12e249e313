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
