import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { calendarBetween } from '../../domain/calendar/nyse-calendar.ts';
import { addDays, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import type { Bar } from '../../domain/market.ts';
import { createSyntheticMarket } from '../sim/market/synthetic-market.ts';
import { isColumns, type BarColumns } from '../sim/market/bar-rows.ts';
import { syntheticSessionSource } from './synthetic-session-source.ts';
import { openStreamingFeed } from './streaming-feed.ts';

// Every recorded decisions digest depends on the synthetic history being the same for a seed: bars, news,
// their fields, key order and order. These hashes were computed from the generator before it was made
// faster (2026-12-07); a change that moves them changes history, not just speed.
const FROM = '2026-10-05';
const TO = '2026-10-07';

const digest = (parts: unknown[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(JSON.stringify(p)).update('\n');
  return h.digest('hex');
};

// A source may hand bars over as columns: hashed as the Bar objects they stand for (barOfRow's shape).
const asBars = (list: readonly Bar[] | BarColumns): readonly Bar[] => {
  if (!isColumns(list)) return list;
  return Array.from({ length: list.count }, (_, r) => {
    const bar: Bar = { t: list.t[r]!, o: list.o[r]!, h: list.h[r]!, l: list.l[r]!, c: list.c[r]!, v: list.v[r]! };
    if (!Number.isNaN(list.vw[r]!)) bar.vw = list.vw[r]!;
    if (!Number.isNaN(list.n[r]!)) bar.n = list.n[r]!;
    return bar;
  });
};

const market = (cacheBars?: number) =>
  createSyntheticMarket({ seed: 42, start: addDays(FROM, -70), symbols: 20, crypto: false, newsRate: 20, ...(cacheBars ? { cacheBars } : {}) });

describe('synthetic session source: the same history for a seed', () => {
  it('seed_42_twenty_symbols_three_sessions_with_news_load_the_pinned_history', async () => {
    const source = syntheticSessionSource(market(50_000), { from: FROM, to: TO });
    const plan = await source.plan();
    const parts: unknown[] = [plan.assets, [...plan.context], [...plan.streamed], plan.from, plan.to, plan.streamFrom, plan.newsFrom, plan.span()];
    let bars = 0;
    let news = 0;
    // The windows streamed-feed asks for: the warm-up day, then each session, midnight to midnight.
    let from = plan.streamFrom;
    let newsFrom = plan.newsFrom;
    while (from < plan.to) {
      const to = Math.min(plan.to, from + 24 * 3_600_000 * 4);
      const data = await source.load({ from, to, newsFrom });
      const lists = [...data.bars].map(([symbol, list]) => [symbol, asBars(list)] as const);
      bars += lists.reduce((n, [, l]) => n + l.length, 0);
      news += data.news.length;
      parts.push(from, lists, data.news);
      newsFrom = from = to;
    }
    expect(bars).toBeGreaterThan(20 * 390 * 3);
    expect(news).toBeGreaterThan(20);
    expect(digest(parts)).toBe('e8a9c182c4e5da95cd8c1d8ad3ff52cc4f26c09992d78ef5d4bdaf8606bc9286');
  });

  it('the_streamed_feed_over_it_answers_the_pinned_bars_news_and_daily_bars', async () => {
    const feed = await openStreamingFeed(syntheticSessionSource(market(), { from: FROM, to: TO }));
    const symbols = feed.assets().map((a) => a.symbol);
    const parts: unknown[] = [];
    for (const day of calendarBetween(FROM, TO)) {
      await feed.loadSession(day.date);
      const from = newYorkTime(day.date, '00:00');
      const to = newYorkTime(addDays(day.date, 1), '00:00');
      parts.push([...feed.barsOf(symbols, from, to)], feed.newsBetween(from, to - 1), feed.barsBetween(day.open, day.open + 30 * 60_000));
      parts.push(symbols.map((s) => [feed.sessionBar(s, day.date, day.close), feed.quoteAt(s, day.open + 3_600_000), feed.latestBar(s, day.close, 86_400_000)]));
    }
    expect(digest(parts)).toBe('49c962657803550abe3790b61747dc253f17805939cd9801f3df680cacd5c9db');
  });

  it('the_market_itself_gives_the_pinned_bars_quotes_and_news_crypto_included', () => {
    const m = createSyntheticMarket({ seed: 42, start: addDays(FROM, -20), symbols: 12, crypto: 2, newsRate: 20 });
    const symbols = m.assets().map((a) => a.symbol);
    const parts: unknown[] = [];
    for (const day of calendarBetween(addDays(FROM, -3), TO)) {
      const from = newYorkTime(day.date, '00:00');
      const to = newYorkTime(addDays(day.date, 1), '00:00');
      parts.push([...m.barsBetween(from, to)], [...m.barsOf(symbols, from, to)], m.newsBetween(from, to), m.newsEventsBetween(from, to));
      parts.push(symbols.map((s) => [m.sessionBar(s, day.date, day.close), m.sessionBar(s, day.date, day.open + 600_000), m.quoteAt(s, day.open + 3_600_000), m.latestBar(s, day.close, 86_400_000)]));
    }
    expect(digest(parts)).toBe('e35f58957bcebb6b88467215fa12e294e6c73a0695c412d086bcfdcc74903b2a');
  });
});
