import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { FakeBroker } from '../../../test/support/fake-broker.ts';
import { PgTradingStore } from '../../adapters/postgres/trading/trading-store.ts';
import { submitIntents } from './submit-intents.ts';
import { reconcile, DEFAULT_RECONCILE } from './reconcile.ts';
import { createLogger } from '../../platform/logger.ts';
import type { NewIntent } from '../../ports/trading-store.port.ts';

let now = Date.parse('2026-11-23T15:00:00Z');
const clock = { now: () => now };
const log = createLogger({ sink: () => undefined });
const entry = (cid: string, symbol = 'ACME'): NewIntent => ({
  clientOrderId: cid, cycleId: 1, createdAt: now, kind: 'entry', reason: 'earnings beat, breakout above the opening range',
  request: { clientOrderId: cid, symbol, side: 'buy', type: 'market', timeInForce: 'day', qty: 100 },
  plan: { stopPrice: 9.5, takeProfitPrice: 11, riskPerUnitUsd: 0.5, timeExitAt: null }, signalId: null, storyId: null, newsItemId: null, risk: { approved: true },
});

describe('order path and reconcile (real PostgreSQL, fake broker)', () => {
  let db: TestDb;
  let store: PgTradingStore;
  beforeAll(async () => {
    db = await createTestDb();
    store = new PgTradingStore(db.pool);
  });
  afterAll(() => db.drop());

  it('sends_each_intent_once_even_when_the_cycle_runs_twice', async () => {
    const broker = new FakeBroker(clock.now);
    const first = await submitIntents({ broker, store, clock, log }, [entry('c1-ACME')], 1);
    const again = await submitIntents({ broker, store, clock, log }, [entry('c1-ACME')], 1);
    expect(first.byStatus).toEqual({ accepted: 1 });
    expect(again).toMatchObject({ sent: 0, alreadyKnown: 1 });
    expect(broker.submits).toBe(1);
  });

  it('resolves_an_ambiguous_submit_by_lookup_and_never_resends', async () => {
    const broker = new FakeBroker(clock.now);
    broker.failNextSubmit = 'after';
    const out = await submitIntents({ broker, store, clock, log }, [entry('c2-BETA', 'BETA')], 1);
    expect(out.byStatus).toEqual({ unresolved: 1 });
    now += 60_000;
    const report = await reconcile({ broker, store, clock, log }, 1);
    expect(report.intentsResolved).toBe(1);
    expect(broker.submits).toBe(1);
    const [row] = (await db.pool.query(`SELECT status, broker_order_id FROM intents WHERE client_order_id = 'c2-BETA'`)).rows;
    expect(row.status).toBe('accepted');
    expect(row.broker_order_id).toMatch(/^ord-/);
  });

  it('declares_an_order_that_never_arrived_failed_after_the_lookups_without_resending', async () => {
    const broker = new FakeBroker(clock.now);
    broker.failNextSubmit = 'before';
    await submitIntents({ broker, store, clock, log }, [entry('c3-GAMMA', 'GAMMA')], 1);
    now += 60_000;
    await reconcile({ broker, store, clock, log }, 1);
    now += DEFAULT_RECONCILE.giveUpAfterMs;
    const report = await reconcile({ broker, store, clock, log }, 1);
    expect(report.intentsFailed).toBe(1);
    expect(broker.submits).toBe(1);
    const { rows } = await db.pool.query(`SELECT action FROM audit_log WHERE subject = (SELECT id::text FROM intents WHERE client_order_id = 'c3-GAMMA') ORDER BY id`);
    expect(rows.map((r) => r.action)).toEqual(['intent.unresolved', 'intent.failed']);
  });

  it('builds_positions_and_round_trips_from_fills_and_is_idempotent', async () => {
    const broker = new FakeBroker(clock.now);
    const out = await submitIntents({ broker, store, clock, log }, [entry('c4-DELTA', 'DELTA')], 1);
    expect(out.results[0]!.intent.id).toBeGreaterThan(0);
    const orderId = [...broker.orders.keys()][0]!;
    broker.fill(orderId, 40, 10);
    now += 1000;
    broker.fill(orderId, 60, 10.1);
    now += 60_000;
    const r1 = await reconcile({ broker, store, clock, log }, 1);
    expect(r1).toMatchObject({ fillsNew: 2, tripsOpened: 1, positionsAdopted: 0 });
    const r2 = await reconcile({ broker, store, clock, log }, 1);
    expect(r2).toMatchObject({ fillsNew: 0, tripsOpened: 0 });
    const [pos] = await store.openPositions();
    expect(pos).toMatchObject({ symbol: 'DELTA', qty: 100, adopted: false, plan: { stopPrice: 9.5, riskPerUnitUsd: 0.5 } });
    const [trip] = await store.openTrips();
    expect(trip).toMatchObject({ symbol: 'DELTA', openQty: 100, entryIntentId: out.results[0]!.intent.id });
    expect(trip!.entryPrice).toBeCloseTo(10.06);
  });
});
