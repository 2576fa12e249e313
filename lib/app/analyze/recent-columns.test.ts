import { describe, expect, it } from 'vitest';
import type { Bar } from '../../domain/market.ts';
import type { BarsQuery, MarketData } from '../../ports/market-data.port.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { recentBarsCache, recentMinuteColumns } from './recent-columns.ts';

const OPEN = newYorkTime('2026-10-06', '09:30');

/** Minute bars from the open, one a minute per symbol, the close rising by the minute; records every query. */
function marketData(): { md: MarketData; queries: BarsQuery[] } {
  const queries: BarsQuery[] = [];
  const md = {
    async getBars(q: BarsQuery) {
      queries.push(q);
      const out = new Map<string, Bar[]>();
      for (const s of q.symbols) {
        const bars: Bar[] = [];
        for (let t = OPEN; t < (q.end ?? OPEN); t += 60_000) bars.push({ t, o: 10, h: 11, l: 9, c: 10 + (t - OPEN) / 60_000, v: 100 });
        out.set(s, bars);
      }
      return out;
    },
  } as Partial<MarketData> as MarketData;
  return { md, queries };
}

describe('recentMinuteColumns', () => {
  it('answers_a_second_request_at_the_same_instant_from_the_cache_asking_only_for_symbols_it_lacks', async () => {
    const { md, queries } = marketData();
    const cache = recentBarsCache();
    const now = OPEN + 10 * 60_000;
    const first = await recentMinuteColumns(md, ['AAA', 'BBB'], now, cache);
    const second = await recentMinuteColumns(md, ['BBB', 'CCC'], now, cache);
    expect(queries.map((q) => q.symbols)).toEqual([['AAA', 'BBB'], ['CCC']]);
    expect(second.get('BBB')).toBe(first.get('BBB'));
    expect(second.get('CCC')!.columns.close.at(-1)).toBe(19);
    expect([...second.get('BBB')!.columns.t]).toEqual(second.get('BBB')!.bars.map((b) => b.t));
  });

  it('asks_the_market_again_once_the_clock_has_moved', async () => {
    const { md, queries } = marketData();
    const cache = recentBarsCache();
    await recentMinuteColumns(md, ['AAA'], OPEN + 10 * 60_000, cache);
    const later = await recentMinuteColumns(md, ['AAA'], OPEN + 11 * 60_000, cache);
    expect(queries).toHaveLength(2);
    expect(later.get('AAA')!.bars).toHaveLength(11);
    expect(later.get('AAA')!.columns.close.at(-1)).toBe(20);
  });

  it('asks_again_for_another_market_data_and_every_time_without_a_cache', async () => {
    const a = marketData();
    const b = marketData();
    const cache = recentBarsCache();
    const now = OPEN + 5 * 60_000;
    await recentMinuteColumns(a.md, ['AAA'], now, cache);
    await recentMinuteColumns(b.md, ['AAA'], now, cache);
    await recentMinuteColumns(a.md, ['AAA'], now);
    await recentMinuteColumns(a.md, ['AAA'], now);
    expect([a.queries.length, b.queries.length]).toEqual([3, 1]);
  });

  it('gives_a_symbol_without_bars_empty_columns', async () => {
    const { md } = marketData();
    const got = await recentMinuteColumns(md, ['AAA'], OPEN, recentBarsCache());
    expect(got.get('AAA')!.bars).toEqual([]);
    expect(got.get('AAA')!.columns.length).toBe(0);
  });
});
