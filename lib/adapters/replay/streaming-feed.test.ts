import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import type { EpochMs, IsoDate } from '../../domain/time.ts';
import { calendarBetween, previousTradingDay } from '../../domain/calendar/nyse-calendar.ts';
import { addDays, newYorkDate, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { SimMarketData } from '../sim/sim-market-data.ts';
import { NO_NEWS_LATENCY, SimNewsSource } from '../sim/sim-news-source.ts';
import type { SimFeed } from '../sim/sim-feed.ts';
import { createSyntheticMarket } from '../sim/market/synthetic-market.ts';
import { PgHistoryRepo } from './history.repo.ts';
import { loadReplayFeed } from './load-replay-feed.ts';
import type { ReplayFeed } from './replay-feed.ts';
import { recordSyntheticHistory } from './synthetic-history.ts';
import { openStreamingFeed, type StreamingReplayFeed } from './streaming-feed.ts';
import { pgSessionSource } from './pg-session-source.ts';
import { syntheticSessionSource } from './synthetic-session-source.ts';

const FROM: IsoDate = '2026-11-12';
const TO: IsoDate = '2026-11-17';
const market = () => createSyntheticMarket({ seed: 7, start: addDays(FROM, -70), symbols: 8, crypto: false, newsRate: 40 });
const window = { from: newYorkTime(addDays(FROM, -70), '00:00'), to: newYorkTime(addDays(TO, 1), '00:00') };

/** Every answer the system's ports and the broker read from a feed at `t` (the previous query at `prev`). */
async function answersAt(feed: SimFeed, t: EpochMs, prev: EpochMs): Promise<unknown> {
  const clock = { now: () => t };
  const data = new SimMarketData(feed, clock);
  const symbols = feed.assets().map((a) => a.symbol);
  const yesterday = newYorkTime(previousTradingDay(newYorkDate(t)).date, '13:00');
  return {
    between: [...feed.barsBetween(prev, t)],
    quotes: symbols.map((s) => feed.quoteAt(s, t)),
    news: feed.newsBetween(t - 6 * 3_600_000, t),
    minutes: await data.getBars({ symbols, timeframe: '1Min', start: yesterday, end: t }),
    fiveMinutes: await data.getBars({ symbols: symbols.slice(0, 3), timeframe: '5Min', start: yesterday, end: t }),
    daily: await data.getBars({ symbols, timeframe: '1Day', start: t - 45 * 86_400_000, end: t }),
    snapshots: await data.getSnapshots(symbols),
    movers: await data.getMovers({ top: 5, market: 'stocks' }),
    actives: await data.getMostActives({ by: 'volume', top: 5 }),
    trades: await data.getLatestTrades(symbols),
    polled: await new SimNewsSource(feed, clock, 'replay', NO_NEWS_LATENCY).fetchSince({ since: t - 6 * 3_600_000 }),
  };
}

/** Query instants of a session: every 30 minutes around the clock, every 10 minutes in the session, and the minutes at the open and close. */
function instantsOf(date: IsoDate): EpochMs[] {
  const day = calendarBetween(date, date)[0]!;
  const out = new Set<EpochMs>();
  for (let t = newYorkTime(date, '00:00'); t < newYorkTime(addDays(date, 1), '00:00'); t += 30 * 60_000) out.add(t);
  for (let t = day.open - 10 * 60_000; t <= day.close + 5 * 60_000; t += 10 * 60_000) out.add(t);
  for (const edge of [day.open, day.close]) for (let k = -2; k <= 2; k++) out.add(edge + k * 60_000 + (k === 1 ? 30_000 : 0));
  return [...out].sort((a, b) => a - b);
}

describe('a streamed replay, session by session, against the whole replay', () => {
  let db: TestDb;
  let whole: ReplayFeed;
  let streamed: StreamingReplayFeed;
  let synthetic: StreamingReplayFeed;
  beforeAll(async () => {
    db = await createTestDb();
    const repo = new PgHistoryRepo(db.pool);
    const recorded = await recordSyntheticHistory(repo, market(), { from: FROM, to: TO });
    whole = await loadReplayFeed(repo, { ...window, assets: recorded.assets });
    streamed = await openStreamingFeed(pgSessionSource(repo, { ...window, assets: recorded.assets }));
    synthetic = await openStreamingFeed(syntheticSessionSource(market(), { from: FROM, to: TO }));
  }, 300_000);
  afterAll(async () => {
    await db.drop();
  });

  it('answers_every_query_of_every_session_as_the_whole_replay_from_postgres_and_from_the_synthetic_market', async () => {
    expect(streamed.span()).toEqual(whole.span());
    expect(synthetic.span()).toEqual(whole.span());
    expect(streamed.assets()).toEqual(whole.assets());
    expect(synthetic.assets()).toEqual(whole.assets());
    let prev = newYorkTime(addDays(FROM, -1), '23:45');
    let compared = 0;
    const seen = { bars: 0, news: 0 };
    for (const { date } of calendarBetween(FROM, TO)) {
      await Promise.all([streamed.loadSession(date), synthetic.loadSession(date)]);
      expect(streamed.held().chunks).toBe(2);
      for (const t of instantsOf(date)) {
        const expected = (await answersAt(whole, t, prev)) as { between: unknown[]; news: unknown[] };
        seen.bars += expected.between.length;
        seen.news += expected.news.length;
        expect(await answersAt(streamed, t, prev), `Postgres stream at ${new Date(t).toISOString()}`).toEqual(expected);
        expect(await answersAt(synthetic, t, prev), `synthetic stream at ${new Date(t).toISOString()}`).toEqual(expected);
        prev = t;
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(200);
    // Not a comparison of empty answers: every replayed minute bar passed through barsBetween, and news did.
    expect(seen.bars).toBeGreaterThan(4 * 8 * 390);
    expect(seen.news).toBeGreaterThan(10);
    expect(streamed.spreadModel()).toEqual(whole.spreadModel());
    expect(synthetic.spreadModel()).toEqual(whole.spreadModel());
  }, 600_000);

  it('refuses_a_query_that_reaches_dropped_or_unloaded_history', async () => {
    const feed = await openStreamingFeed(syntheticSessionSource(market(), { from: FROM, to: TO }));
    await feed.loadSession('2026-11-16');
    expect(() => feed.barsOf(['SYM'], newYorkTime(FROM, '10:00'), newYorkTime('2026-11-16', '10:00'))).not.toThrow();
    const symbol = feed.assets()[0]!.symbol;
    expect(() => feed.barsOf([symbol], newYorkTime(FROM, '10:00'), newYorkTime('2026-11-16', '10:00'))).toThrow(/already dropped/);
    expect(() => feed.newsBetween(newYorkTime(FROM, '10:00'), newYorkTime('2026-11-16', '10:00'))).toThrow(/already dropped/);
    expect(() => feed.quoteAt(symbol, newYorkTime('2026-11-17', '10:00'))).toThrow(/call loadSession first/);
  });
});
