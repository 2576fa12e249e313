import { describe, expect, it } from 'vitest';
import type { Bar } from '../../domain/market.ts';
import { MINUTE_MS } from '../../domain/time.ts';
import { calendarDay } from '../../domain/calendar/nyse-calendar.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { isAppError } from '../../shared/errors.ts';
import { createSyntheticMarket } from './market/synthetic-market.ts';
import { SimMarketData } from './sim-market-data.ts';

const market = createSyntheticMarket({ seed: 17, start: '2026-05-04', symbols: 12, crypto: 2 });
const stocks = market.assets().filter((a) => a.assetClass === 'us_equity').map((a) => a.symbol);
const tuesday = calendarDay('2026-05-12')!;
const monday = calendarDay('2026-05-11')!;
const friday = calendarDay('2026-05-08')!;

function at(now: number) {
  const clock = { now: () => now };
  return { data: new SimMarketData(market, clock), clock };
}

function sum(bars: readonly Bar[], f: (b: Bar) => number): number {
  return bars.reduce((s, b) => s + f(b), 0);
}

describe('SimMarketData', () => {
  it('pages_across_symbols_with_a_small_page_limit_and_counts_a_call_per_page', async () => {
    const { data } = at(tuesday.close + 3_600_000);
    const symbols = stocks.slice(0, 5);
    const query = { symbols, timeframe: '1Min' as const, start: tuesday.open, end: tuesday.open + 29 * MINUTE_MS };
    const whole = await data.getBars(query);
    expect(data.stats().byEndpoint).toEqual({ bars: 1 });
    const paged = await data.getBars({ ...query, pageLimit: 7 });
    expect(paged).toEqual(whole);
    expect([...paged.keys()]).toEqual([...symbols].sort());
    expect(sum([...paged.values()].flat(), () => 1)).toBe(150);
    expect(data.stats()).toEqual({ calls: 1 + 22, byEndpoint: { bars: 23 } });
  });

  it('aggregates_minute_bars_into_5min_15min_hour_and_day_bars', async () => {
    const { data } = at(tuesday.sessionClose + 3_600_000);
    const symbol = stocks[3]!;
    const minutes = market.barsOf([symbol], tuesday.sessionOpen, tuesday.sessionClose).get(symbol)!;
    for (const [timeframe, ms] of [['5Min', 5], ['15Min', 15], ['1Hour', 60]] as const) {
      const bars = (await data.getBars({ symbols: [symbol], timeframe, start: tuesday.sessionOpen, end: tuesday.sessionClose })).get(symbol)!;
      expect(sum(bars, (b) => b.v)).toBeCloseTo(sum(minutes, (b) => b.v), 6);
      for (const bar of bars) {
        const inside = minutes.filter((m) => m.t >= bar.t && m.t < bar.t + ms * MINUTE_MS);
        expect(bar).toMatchObject({ o: inside[0]!.o, c: inside.at(-1)!.c, h: Math.max(...inside.map((m) => m.h)), l: Math.min(...inside.map((m) => m.l)), n: sum(inside, (m) => m.n!) });
        expect(bar.t % (ms * MINUTE_MS)).toBe(0);
      }
    }
    const [daily] = (await data.getBars({ symbols: [symbol], timeframe: '1Day', start: newYorkTime('2026-05-12', '00:00'), end: tuesday.sessionClose })).get(symbol)!;
    const regular = minutes.filter((m) => m.t >= tuesday.open && m.t < tuesday.close);
    expect(regular).toHaveLength(390);
    expect(daily).toMatchObject({ t: newYorkTime('2026-05-12', '00:00'), o: regular[0]!.o, c: regular.at(-1)!.c, v: sum(regular, (m) => m.v) });
    expect(daily!.v).toBeLessThan(sum(minutes, (m) => m.v));
  });

  it('shows_nothing_that_ends_after_the_clock', async () => {
    const now = tuesday.open + 45 * MINUTE_MS + 30_000;
    const { data } = at(now);
    const symbol = stocks[0]!;
    const far = tuesday.sessionClose + 86_400_000;
    const minutes = (await data.getBars({ symbols: [symbol], timeframe: '1Min', start: tuesday.open, end: far })).get(symbol)!;
    expect(minutes.at(-1)!.t).toBe(tuesday.open + 44 * MINUTE_MS);
    const [today] = (await data.getBars({ symbols: [symbol], timeframe: '1Day', start: newYorkTime('2026-05-12', '00:00'), end: far })).get(symbol)!;
    expect(today!.c).toBe(minutes.at(-1)!.c);
    expect(today!.v).toBe(sum(minutes, (m) => m.v));
    const trade = (await data.getLatestTrades([symbol])).get(symbol)!;
    expect(trade.t).toBeLessThanOrEqual(now);
    expect(trade.price).toBe(minutes.at(-1)!.c);
    const snapshot = (await data.getSnapshots([symbol])).get(symbol)!;
    expect(snapshot.minuteBar).toEqual(minutes.at(-1));
    expect(snapshot.latestQuote!.t).toBeLessThanOrEqual(now);
    expect(snapshot.dailyBar).toEqual(today);
  });

  it('snapshots_switch_to_the_new_session_at_the_open', async () => {
    // The most liquid stock trades in the pre-market, so its latest minute bar is from this morning.
    const symbol = [...market.profiles()].sort((a, b) => b.averageDailyVolume - a.averageDailyVolume)[0]!.asset.symbol;
    const before = (await at(monday.open - 30 * MINUTE_MS).data.getSnapshots([symbol])).get(symbol)!;
    expect(before.dailyBar!.t).toBe(newYorkTime(friday.date, '00:00'));
    expect(before.prevDailyBar!.t).toBe(newYorkTime('2026-05-07', '00:00'));
    expect(before.minuteBar!.t).toBeGreaterThanOrEqual(monday.sessionOpen);
    const after = (await at(monday.open + 10 * MINUTE_MS).data.getSnapshots([symbol])).get(symbol)!;
    expect(after.dailyBar!.t).toBe(newYorkTime(monday.date, '00:00'));
    expect(after.prevDailyBar).toEqual(before.dailyBar);
    expect(after.latestQuote!.bidPrice).toBeLessThan(after.latestQuote!.askPrice);
  });

  it('ranks_most_actives_and_movers_from_the_current_session', async () => {
    const { data } = at(tuesday.close - 5 * MINUTE_MS);
    const snapshots = await data.getSnapshots(stocks);
    const actives = await data.getMostActives({ by: 'volume', top: 5 });
    expect(actives).toHaveLength(5);
    const volumes = [...snapshots.values()].map((s) => s.dailyBar!.v).sort((a, b) => b - a);
    expect(actives.map((a) => a.volume)).toEqual(volumes.slice(0, 5));
    const { gainers, losers } = await data.getMovers({ top: 3, market: 'stocks' });
    const changes = [...snapshots.values()].map((s) => (s.dailyBar!.c / s.prevDailyBar!.c - 1) * 100).sort((a, b) => b - a);
    expect(gainers[0]!.percentChange).toBeCloseTo(changes[0]!, 3);
    expect(losers[0]!.percentChange).toBeCloseTo(changes.at(-1)!, 3);
    expect(gainers.every((g, i) => i === 0 || g.percentChange <= gainers[i - 1]!.percentChange)).toBe(true);
    const crypto = await data.getMovers({ top: 5, market: 'crypto' });
    expect([...crypto.gainers, ...crypto.losers].every((m) => m.symbol.includes('/'))).toBe(true);
    expect(data.stats().byEndpoint).toEqual({ 'most-actives': 1, movers: 2, snapshots: 1 });
  });

  it('gives_the_same_answers_with_or_without_the_feed_shortcuts', async () => {
    // A plain SimFeed view of the same market: daily bars and latest bars then come from aggregating barsOf.
    const plain = { assets: () => market.assets(), barsBetween: market.barsBetween, barsOf: market.barsOf, quoteAt: market.quoteAt, newsBetween: market.newsBetween };
    const now = tuesday.open + 200 * MINUTE_MS + 20_000;
    const fast = new SimMarketData(market, { now: () => now });
    const slow = new SimMarketData(plain, { now: () => now });
    const symbols = market.assets().map((a) => a.symbol);
    const query = { symbols, timeframe: '1Day' as const, start: newYorkTime('2026-05-04', '00:00') };
    expect(await fast.getBars(query)).toEqual(await slow.getBars(query));
    expect(await fast.getSnapshots(symbols)).toEqual(await slow.getSnapshots(symbols));
    expect(await fast.getMovers({ top: 10, market: 'stocks' })).toEqual(await slow.getMovers({ top: 10, market: 'stocks' }));
  });

  it('rejects_timeframes_it_does_not_simulate', async () => {
    const { data } = at(tuesday.close);
    const error = await data.getBars({ symbols: [stocks[0]!], timeframe: '1Week', start: friday.open }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('BAD_REQUEST');
  });
});
