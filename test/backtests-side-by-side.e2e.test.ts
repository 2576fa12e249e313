import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from './support/db.ts';
import { backtestRecordedDay } from './support/replay-day.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { addDays } from '../lib/domain/calendar/new-york-time.ts';
import type { BacktestResult } from '../lib/compose/backtest/run-backtest.ts';

/**
 * Two backtests in one process at the same time, each on its own runtime (its own clock, replay feed,
 * invoker, in-memory stores; each history in its own schema): each gets the result it gets alone. With
 * process-wide state (a shared clock, feed or store, a runtime reset by the other run) they would mix or fail.
 */
const DAY = '2026-11-16';
const marketOf = (seed: number) => createSyntheticMarket({ seed, start: addDays(DAY, -60), symbols: 12, crypto: false, newsRate: 6 });
/** What a run decided and how it ended, without its timings. */
const outcome = (r: BacktestResult) => ({ digest: r.digest, orders: r.orders, ticks: r.ticks, failedTicks: r.failedTicks, errors: r.errors, days: r.days.map(({ wallMs: _w, ...d }) => d) });

describe('two backtests side by side in one process', () => {
  const dbs: TestDb[] = [];
  let together: [BacktestResult, BacktestResult];
  let alone: BacktestResult;

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) dbs.push(await createTestDb());
    const [a, b] = await Promise.all([backtestRecordedDay(dbs[0]!, marketOf(4), DAY), backtestRecordedDay(dbs[1]!, marketOf(5), DAY)]);
    together = [a.result, b.result];
    alone = (await backtestRecordedDay(dbs[2]!, marketOf(4), DAY)).result;
  }, 1_200_000);

  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  it('replays_both_without_a_failure', () => {
    for (const r of together) {
      expect(r.errors).toEqual([]);
      expect(r.failedTicks).toBe(0);
      expect(r.days.map((d) => d.date)).toEqual([DAY]);
    }
  });

  it('gives_each_run_the_result_it_gets_alone', () => {
    expect(outcome(together[0])).toEqual(outcome(alone));
  });

  it('keeps_each_runs_orders_to_its_own_market', () => {
    const universe = (seed: number) => new Set(marketOf(seed).assets().map((a) => a.symbol));
    expect(together[0].orders.every((o) => universe(4).has(o.symbol))).toBe(true);
    expect(together[1].orders.every((o) => universe(5).has(o.symbol))).toBe(true);
  });
});
