import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, runtimeEnvFor, type TestDb } from './support/db.ts';
import { backtestFeed } from './support/replay-day.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { addDays } from '../lib/domain/calendar/new-york-time.ts';
import { syntheticReplayFeed } from '../lib/adapters/replay/synthetic-replay-feed.ts';
import type { BacktestResult } from '../lib/compose/backtest/run-backtest.ts';

/**
 * Issue 16: `npm run backtest` keeps its state in memory by default and in Postgres with `--db`; both must
 * make the same decisions. The case replays one feed twice, once over the in-memory stores and once over a
 * fresh Postgres schema (and the test Redis), and compares the decisions digest (every order the broker
 * saw), the performance figures, the per-session outcome and the equity curve. Twelve symbols (seed 4, news
 * at 6x the default rate) trade over two sessions, a half day and a full one with a weekend between; outside
 * [open - 10 min, close + 5 min] it ticks only hourly (both worlds alike), which cuts the Postgres run's ticks.
 * (A one-day case on the recorded 2026-11-16 compared the same things over one session and was removed: this
 * case covers it and more; the recorded history's replay is test/trading-day.e2e.test.ts's, in memory.)
 * The multi-day case is also replayed in memory with `retention: 'backtest'` (what `npm run backtest` uses):
 * the same outcome, fills and trade audits as keeping every row.
 */
const DAY = '2026-11-16';
/** The half session after Thanksgiving (close at 13:00) and the Monday after it. */
const FIRST = '2026-11-27';
const LAST = '2026-11-30';

/** What a run decided and how it ended, without its wall-clock timings. */
const outcome = (r: BacktestResult) => ({
  digest: r.digest,
  orders: r.orders,
  performance: r.performance,
  trades: r.trades,
  ticks: r.ticks,
  failedTicks: r.failedTicks,
  errors: r.errors,
  days: r.days.map(({ wallMs: _w, ...d }) => d),
  equityPerMinute: r.equityPerMinute,
});

describe('the in-memory backtest and the Postgres backtest decide alike', () => {
  const dbs: TestDb[] = [];
  const db = async () => {
    const d = await createTestDb();
    dbs.push(d);
    return d;
  };

  afterAll(async () => {
    for (const d of dbs) await d.drop();
  });

  // The multi-day feed and its in-memory run keeping every row (with its detail), built once for both cases below.
  let shared: Promise<{ feed: ReturnType<typeof syntheticReplayFeed>; memory: BacktestResult }> | undefined;
  const multiDay = () =>
    (shared ??= (async () => {
      const market = createSyntheticMarket({ seed: 4, start: addDays(DAY, -60), symbols: 12, crypto: false, newsRate: 6 });
      const feed = syntheticReplayFeed(market, { from: FIRST, to: LAST });
      return { feed, memory: await backtestFeed(feed, FIRST, LAST, 'memory', { quietStepMinutes: 60, detail: true }) };
    })());

  describe('on a multi-day synthetic run with news', () => {
    let memory: BacktestResult;
    let postgres: BacktestResult;

    beforeAll(async () => {
      const run = await multiDay();
      memory = run.memory;
      const state = await db();
      postgres = await backtestFeed(run.feed, FIRST, LAST, { runtimeEnv: runtimeEnvFor(state) }, { quietStepMinutes: 60 });
      // The Postgres run took 284 s at load 20-23 on 2 cores (a hook limit of 300 s failed it at load 25-28).
    }, 900_000);

    it('trades_over_every_session_without_a_failure', () => {
      for (const r of [memory, postgres]) {
        expect(r.errors).toEqual([]);
        expect(r.failedTicks).toBe(0);
        expect(r.days.map((d) => d.date)).toEqual([FIRST, LAST]);
      }
      expect(memory.orders.length).toBeGreaterThan(0);
    });

    it('prints_the_same_digest_and_performance_in_memory_as_in_postgres', () => {
      expect(outcome(memory)).toEqual(outcome(postgres));
    });
  });

  describe('on the multi-day run, when the memory stores keep only what a backtest reads', () => {
    let all: BacktestResult;
    let retained: BacktestResult;

    beforeAll(async () => {
      const run = await multiDay();
      all = run.memory;
      retained = await backtestFeed(run.feed, FIRST, LAST, 'memory', { quietStepMinutes: 60, detail: true, retention: 'backtest' });
    }, 300_000);

    it('decides_alike_and_writes_the_same_fills_and_trade_audits', () => {
      expect(outcome(retained)).toEqual(outcome(all));
      expect(retained.detail).toEqual(all.detail);
      // The audits still reach back to the news, candidate and signal of each entry, from cycles long retired.
      const audits = all.detail!.trades.map((t) => t.audit as { signal: unknown; candidate: unknown; news: unknown[] });
      expect(audits.length).toBeGreaterThan(0);
      expect(audits.some((a) => a.signal !== null && a.candidate !== null && a.news.length > 0)).toBe(true);
    });
  });
});
