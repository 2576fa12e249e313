import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import type { IsoDate } from '../../domain/time.ts';
import { answersAt, instantsOf } from './streaming-feed.test-support.ts';
import { calendarBetween } from '../../domain/calendar/nyse-calendar.ts';
import { addDays, newYorkTime } from '../../domain/calendar/new-york-time.ts';
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
