import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from './support/db.ts';
import { steppingClock } from '../lib/adapters/clock/stepping-clock.ts';
import { memoryStores } from '../lib/compose/memory-stores.ts';
import type { IsoDate } from '../lib/domain/time.ts';
import { addDays, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { PgHistoryRepo } from '../lib/adapters/replay/history.repo.ts';
import { loadReplayFeed } from '../lib/adapters/replay/load-replay-feed.ts';
import { recordSyntheticHistory } from '../lib/adapters/replay/synthetic-history.ts';
import { openStreamingFeed } from '../lib/adapters/replay/streaming-feed.ts';
import { pgSessionSource } from '../lib/adapters/replay/pg-session-source.ts';
import { syntheticSessionSource } from '../lib/adapters/replay/synthetic-session-source.ts';
import type { ReplayFeed } from '../lib/adapters/replay/replay-feed.ts';
import { runBacktest, type BacktestResult } from '../lib/compose/backtest/run-backtest.ts';

const FROM: IsoDate = '2026-11-13';
const TO: IsoDate = '2026-11-16';
const market = () => createSyntheticMarket({ seed: 4, start: addDays(FROM, -70), symbols: 25, crypto: false, newsRate: 20 });

/**
 * The same two sessions (a Friday and the Monday after) backtested three ways: the whole history loaded from
 * Postgres (the reference), the history streamed a session at a time from Postgres, and the synthetic market
 * streamed with no database between. Each run keeps its state in an in-memory world of its own (the in-memory
 * stores give the Postgres replay's decisions: test/backtest-memory-vs-db.e2e.test.ts).
 */
describe('a backtest over a streamed replay', () => {
  const dbs: TestDb[] = [];
  const results: Record<'whole' | 'streamed' | 'synthetic', BacktestResult | undefined> = { whole: undefined, streamed: undefined, synthetic: undefined };

  beforeAll(async () => {
    const history = await createTestDb();
    dbs.push(history);
    const repo = new PgHistoryRepo(history.pool);
    const recorded = await recordSyntheticHistory(repo, market(), { from: FROM, to: TO });
    const query = { from: newYorkTime(addDays(FROM, -70), '00:00'), to: newYorkTime(addDays(TO, 1), '00:00'), assets: recorded.assets };
    const feeds: Record<keyof typeof results, () => Promise<ReplayFeed>> = {
      whole: () => loadReplayFeed(repo, query),
      streamed: () => openStreamingFeed(pgSessionSource(repo, query)),
      synthetic: () => openStreamingFeed(syntheticSessionSource(market(), { from: FROM, to: TO })),
    };
    for (const kind of Object.keys(feeds) as (keyof typeof results)[]) {
      const clock = steppingClock(newYorkTime(FROM, '00:00'));
      results[kind] = await runBacktest({ feed: await feeds[kind](), from: FROM, to: TO, quietStepMinutes: 60, clock, stores: memoryStores({ clock }), env: { ...process.env, TRADING_MODE: 'backtest' } });
    }
  }, 600_000);

  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  it('makes_the_same_decisions_as_the_whole_replay_from_postgres_and_from_the_synthetic_market', () => {
    const { whole, streamed, synthetic } = results;
    expect(whole!.failedTicks).toBe(0);
    // A digest of no orders would prove nothing.
    expect(whole!.orders.length).toBeGreaterThan(0);
    expect(streamed!.orders).toEqual(whole!.orders);
    expect(streamed!.digest).toBe(whole!.digest);
    expect(synthetic!.digest).toBe(whole!.digest);
    expect([streamed!.failedTicks, synthetic!.failedTicks]).toEqual([0, 0]);
    expect(streamed!.assumptions).toEqual(whole!.assumptions);
  });
});
