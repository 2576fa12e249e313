import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../../test/support/db.ts';
import { createTestRedis } from '../../../../test/support/redis.ts';
import { addDays, newYorkTime } from '../../../domain/calendar/new-york-time.ts';
import { RedisRateLimiter } from '../../redis/redis-rate-limiter.ts';
import { SimMarketData } from '../../sim/sim-market-data.ts';
import { PgHistoryRepo } from '../history.repo.ts';
import type { DownloadRequest } from './download-plan.ts';
import { PgDownloadStore } from './download-store.ts';
import { downloadClient, startHistoryFacade, steppedClock, type HistoryFacade } from './download-fixture.ts';
import { runHistoryDownload } from './history-download.ts';

const FROM = '2026-04-06';
const TO = '2026-04-08';
const from = newYorkTime(FROM, '00:00');
const to = newYorkTime(addDays(TO, 1), '00:00');

let h: HistoryFacade;
beforeAll(async () => {
  h = await startHistoryFacade();
});
afterAll(async () => {
  await h.facade.close();
});

function request(over: Partial<DownloadRequest> = {}): DownloadRequest {
  return { from: FROM, to: TO, stocks: h.stocks, crypto: h.pairs, timeframes: ['1Min', '1Day'], news: true, feed: 'iex', adjustment: 'split', pageLimit: 2_000, ...over };
}

async function withDb<T>(run: (db: TestDb) => Promise<T>): Promise<T> {
  const db = await createTestDb();
  try {
    return await run(db);
  } finally {
    await db.drop();
  }
}

describe('history download from the Alpaca facade', () => {
  it('stores_every_bar_of_the_market_and_each_news_version_when_it_was_known_then_a_rerun_sends_nothing', () =>
    withDb(async (db) => {
      const clock = steppedClock();
      const client = downloadClient(h.facade.url, clock);
      const deps = { client, store: new PgDownloadStore(db.pool), sleep: clock.sleep, now: clock.now };
      const first = await runHistoryDownload(deps, request());
      expect(first.rejected).toEqual([]);

      const repo = new PgHistoryRepo(db.pool);
      const truth = new SimMarketData(h.market, h.marketClock);
      for (const timeframe of ['1Min', '1Day'] as const) {
        const expected = await truth.getBars({ symbols: [...h.stocks, ...h.pairs], timeframe, start: from, end: to - 1 });
        const stored = await repo.loadBars({ timeframe, from, to });
        for (const symbol of [...h.stocks, ...h.pairs]) {
          expect(stored.filter((r) => r.symbol === symbol).map((r) => r.bar), `${symbol} ${timeframe}`).toEqual(expected.get(symbol)!.map((b) => ({ ...b, n: b.n ?? undefined })).map(stripUndefined));
        }
      }
      const { rows: sources } = await db.pool.query<{ symbol: string; source: string }>('SELECT DISTINCT symbol, source FROM history_bars ORDER BY symbol');
      for (const r of sources) expect(r.source, r.symbol).toBe(r.symbol.includes('/') ? 'alpaca crypto/us' : 'alpaca feed=iex adjustment=split');

      // News: each story once at created_at and, when updated, again at updated_at (the text Alpaca serves now).
      const stories = new Map<string, { created: number; updated: number }>();
      const wanted = new Set([...h.stocks, ...h.pairs.map((p) => p.replace('/', ''))]);
      for (const v of h.market.newsBetween(from - 1, h.marketClock.now())) {
        if (!v.symbols.some((s) => wanted.has(s.replace('/', '')))) continue;
        const s = stories.get(v.sourceId) ?? { created: v.publishedAt, updated: v.version };
        s.updated = Math.max(s.updated, v.version);
        stories.set(v.sourceId, s);
      }
      const inWindow = [...stories.values()].filter((s) => s.updated >= from && s.updated < to);
      const news = await repo.loadNews({ from: from - 86_400_000, to: h.marketClock.now() });
      const expectedVersions = inWindow.flatMap((s) => (s.updated > s.created ? [s.created, s.updated] : [s.created])).sort((a, b) => a - b);
      expect(inWindow.some((s) => s.updated > s.created)).toBe(true);
      expect(news.map((n) => n.version).sort((a, b) => a - b)).toEqual(expectedVersions);
      for (const n of news) expect(n.receivedAt).toBe(n.version);
      expect(first.newsStored).toBe(expectedVersions.length);

      const again = await runHistoryDownload(deps, request());
      expect(again).toMatchObject({ requests: 0, barsStored: 0, newsStored: 0, unitsTotal: 0 });
      expect(again.resumed.symbolDays).toBe(first.symbolDaysTotal);
    }));

  it('backs_off_on_429_and_still_stores_everything_exactly_once', () =>
    withDb(async (db) => {
      const clock = steppedClock();
      const limited = await startHistoryFacade({ rateLimit: { perMinute: 4, now: clock.now } });
      try {
        const client = downloadClient(limited.facade.url, clock);
        const summary = await runHistoryDownload({ client, store: new PgDownloadStore(db.pool), sleep: clock.sleep, now: clock.now }, request({ timeframes: ['1Min'], news: false, crypto: [], pageLimit: 500 }));
        expect(summary.rateLimited, JSON.stringify({ ...summary, rejected: undefined })).toBeGreaterThan(0);
        expect(clock.slept.some((ms) => ms >= 1_000)).toBe(true);
        const expected = await new SimMarketData(h.market, h.marketClock).getBars({ symbols: h.stocks, timeframe: '1Min', start: from, end: to - 1 });
        const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM history_bars');
        expect(rows[0]!.n).toBe([...expected.values()].reduce((n, b) => n + b.length, 0));
        expect(summary.barsStored).toBe(rows[0]!.n);
      } finally {
        await limited.facade.close();
      }
    }));

  it('waits_for_the_budget_another_process_spent_through_redis_before_sending', () =>
    withDb(async (db) => {
      const clock = steppedClock();
      const { redis, prefix } = createTestRedis();
      const running = new RedisRateLimiter(redis, clock, prefix);
      const host = new URL(h.facade.url).host;
      // A running system has spent this minute's 30 requests on the data host.
      await running.take(`alpaca:${host}`, { capacity: 30, refillPerSecond: 0.5 }, 30);
      const client = downloadClient(h.facade.url, clock, { rateLimiter: new RedisRateLimiter(redis, clock, prefix), perMinute: 30 });
      const start = clock.now();
      const summary = await runHistoryDownload({ client, store: new PgDownloadStore(db.pool), sleep: clock.sleep, now: clock.now }, request({ timeframes: ['1Day'], news: false, crypto: [], symbolsPerRequest: 1 }));
      expect(summary.requests).toBe(h.stocks.length);
      // Every request waited for a token refilled at 30 a minute: at least 2 s each.
      expect(clock.now() - start).toBeGreaterThanOrEqual(summary.requests * 2_000 - 1_000);
    }));
});

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
