import { describe, expect, it } from 'vitest';
import type { Bar } from '../../domain/market.ts';
import type { BarColumns } from '../sim/market/bar-rows.ts';
import { packChunk } from './session-chunk.ts';

const FROM = Date.parse('2026-10-05T04:00:00Z');
const bars: Bar[] = [
  { t: FROM, o: 10, h: 10.5, l: 9.9, c: 10.2, v: 1200, vw: 10.1, n: 14 },
  { t: FROM + 60_000, o: 10.2, h: 10.3, l: 10.1, c: 10.25, v: 800 },
  { t: FROM + 120_000, o: 10.25, h: 10.4, l: 10.2, c: 10.3, v: 950, vw: 10.31, n: 9 },
];
const columnsOf = (list: Bar[]): BarColumns => ({
  count: list.length,
  ...Object.fromEntries((['t', 'o', 'h', 'l', 'c', 'v', 'vw', 'n'] as const).map((k) => [k, Float64Array.from(list, (b) => b[k] ?? NaN)])),
}) as BarColumns;
const pack = (lists: (Bar[] | BarColumns | undefined)[]) => packChunk({ from: FROM, to: FROM + 86_400_000, newsFrom: FROM, bars: lists, news: [], endOf: (_s, t) => t + 60_000 });

describe('packChunk', () => {
  it('packs_bars_given_as_columns_exactly_as_the_same_bars_given_as_objects', () => {
    expect(pack([columnsOf(bars), undefined, columnsOf(bars.slice(1))])).toEqual(pack([bars, undefined, bars.slice(1)]));
  });

  it('adopts_columns_that_tile_one_set_of_arrays_and_packs_them_as_the_same_bars_given_as_objects', () => {
    const whole = columnsOf([...bars, ...bars.slice(1)]);
    const view = (lo: number, hi: number): BarColumns => ({ count: hi - lo, ...Object.fromEntries((['t', 'o', 'h', 'l', 'c', 'v', 'vw', 'n'] as const).map((k) => [k, whole[k].subarray(lo, hi)])) }) as BarColumns;
    const chunk = pack([view(0, 3), undefined, view(3, 5)]);
    expect(chunk.t.buffer).toBe(whole.t.buffer);
    expect(chunk).toEqual(pack([bars, undefined, bars.slice(1)]));
    // Out of chunk order, they are copied.
    expect(pack([view(3, 5), undefined, view(0, 3)]).t.buffer).not.toBe(whole.t.buffer);
  });

  it('rejects_a_column_bar_outside_its_session_naming_its_start', () => {
    const late = columnsOf([...bars, { ...bars[0]!, t: FROM + 86_400_000 }]);
    expect(() => pack([late])).toThrow(/starting at 2026-10-06T04:00:00.000Z is outside its session chunk/);
  });
});
