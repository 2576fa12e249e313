import { describe, expect, it } from 'vitest';
import { calendarDay } from '../../../domain/calendar/nyse-calendar.ts';
import { createSyntheticMarket } from './synthetic-market.ts';

const START = '2026-02-02';
const day = calendarDay('2026-02-18')!;

function collect(iterable: Iterable<unknown>): unknown[] {
  return [...iterable];
}

describe('synthetic market: determinism', () => {
  it('same_seed_gives_the_same_day', () => {
    // Two instances stand for two processes: nothing is shared but the options.
    const a = createSyntheticMarket({ seed: 11, start: START, symbols: 20 });
    const b = createSyntheticMarket({ seed: 11, start: START, symbols: 20 });
    const barsA = collect(a.barsBetween(day.sessionOpen, day.sessionClose));
    expect(barsA.length).toBeGreaterThan(20 * 390);
    expect(collect(b.barsBetween(day.sessionOpen, day.sessionClose))).toEqual(barsA);
    expect(b.newsBetween(Date.parse('2026-02-02T00:00:00Z'), day.sessionClose)).toEqual(a.newsBetween(Date.parse('2026-02-02T00:00:00Z'), day.sessionClose));
    expect(b.assets()).toEqual(a.assets());
    const other = createSyntheticMarket({ seed: 12, start: START, symbols: 20 });
    expect(other.assets().map((x) => x.symbol)).not.toEqual(a.assets().map((x) => x.symbol));
  });

  it('a_symbol_day_is_the_same_whatever_was_generated_before', () => {
    const fresh = createSyntheticMarket({ seed: 5, start: START, symbols: 12 });
    const busy = createSyntheticMarket({ seed: 5, start: START, symbols: 12, cacheBars: 5_000 });
    const symbol = fresh.assets()[7]!.symbol;
    // The busy instance walks other days and symbols first, with a cache too small to keep them.
    collect(busy.barsBetween(calendarDay('2026-02-20')!.sessionOpen, calendarDay('2026-02-20')!.sessionClose));
    busy.barsOf([busy.assets()[0]!.symbol], calendarDay('2026-02-10')!.open, calendarDay('2026-02-10')!.close);
    const direct = fresh.barsOf([symbol], day.sessionOpen, day.sessionClose).get(symbol)!;
    expect(busy.barsOf([symbol], day.sessionOpen, day.sessionClose).get(symbol)).toEqual(direct);
    expect(busy.quoteAt(symbol, day.open + 3_600_000)).toEqual(fresh.quoteAt(symbol, day.open + 3_600_000));
    expect(busy.cacheStats().bars).toBeLessThan(20_000);
  });

  it('bars_between_and_bars_of_agree_and_come_in_time_then_symbol_order', () => {
    const m = createSyntheticMarket({ seed: 3, start: START, symbols: 10, crypto: 2 });
    const all = [...m.barsBetween(day.open, day.open + 30 * 60_000)] as { symbol: string; bar: { t: number } }[];
    for (let i = 1; i < all.length; i++) {
      const [p, q] = [all[i - 1]!, all[i]!];
      expect(p.bar.t < q.bar.t || (p.bar.t === q.bar.t && p.symbol < q.symbol)).toBe(true);
    }
    // A bar ending in (from, to] is one that started in [from, to - 1 minute].
    expect(all[0]!.bar.t).toBe(day.open);
    expect(all[all.length - 1]!.bar.t).toBe(day.open + 29 * 60_000);
    const symbols = m.assets().map((a) => a.symbol);
    const byOf = m.barsOf(symbols, day.open, day.open + 30 * 60_000);
    for (const s of symbols) expect(all.filter((x) => x.symbol === s).map((x) => x.bar)).toEqual(byOf.get(s));
    // The same bars as columns, field by field.
    const columns = m.barColumnsOf(symbols, day.open, day.open + 30 * 60_000);
    for (const s of symbols) {
      const cols = columns.get(s)!;
      const rows = Array.from({ length: cols.count }, (_, r) => ({ t: cols.t[r], o: cols.o[r], h: cols.h[r], l: cols.l[r], c: cols.c[r], v: cols.v[r], vw: cols.vw[r], n: cols.n[r] }));
      expect(rows).toEqual(byOf.get(s));
    }
  });
});

describe('synthetic market: universe', () => {
  it('has_plausible_distinct_assets_and_grows_without_changing_existing_ones', () => {
    const m = createSyntheticMarket({ seed: 1, start: START });
    const equities = m.profiles().filter((p) => p.asset.assetClass === 'us_equity');
    expect(equities).toHaveLength(50);
    expect(new Set(equities.map((p) => p.asset.symbol)).size).toBe(50);
    expect(new Set(equities.map((p) => p.asset.name)).size).toBe(50);
    for (const p of equities) {
      expect(p.asset.symbol).toMatch(/^[A-Z]{2,5}$/);
      expect(['NASDAQ', 'NYSE', 'AMEX']).toContain(p.asset.exchange);
      expect(p.basePrice).toBeGreaterThanOrEqual(2);
      expect(p.basePrice).toBeLessThanOrEqual(500);
    }
    const volumes = equities.map((p) => p.averageDailyVolume).sort((a, b) => a - b);
    expect(volumes[volumes.length - 1]! / volumes[0]!).toBeGreaterThan(50);
    const big = createSyntheticMarket({ seed: 1, start: START, symbols: 2_000, crypto: true });
    const bigSymbols = new Set(big.assets().map((a) => a.symbol));
    expect(bigSymbols.size).toBe(2_003);
    for (const p of equities) expect(bigSymbols.has(p.asset.symbol)).toBe(true);
    expect(big.assets().filter((a) => a.assetClass === 'crypto').map((a) => a.symbol)).toEqual(['BTC/USD', 'ETH/USD', 'SOL/USD']);
  });
});
