import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestDb, type TestDb } from '../../../../test/support/db.ts';
import { createFakeSimFeed, minuteBars } from './fake-sim-feed.ts';
import { harness, manualClock, ny, request, TEST_ASSETS } from './sim-broker-fixture.ts';
import { PostgresStateStore } from './postgres-state-store.ts';
import { SimBroker } from './sim-broker.ts';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.drop();
});

let accounts = 0;
/** Two brokers (two "function invocations") on one account in one schema, sharing a feed and a clock. */
function twoInvocations(pool: pg.Pool = db.pool) {
  accounts += 1;
  const accountId = `0000000${accounts}-0000-4000-8000-00000000000${accounts}`;
  const feed = createFakeSimFeed({ assets: TEST_ASSETS });
  feed.addBars('AAPL', minuteBars(ny('09:59'), [100, 100, 101, [101, 106, 100, 105, 1e4], 105, 105]));
  const clock = manualClock(ny('10:00'));
  const make = () => new SimBroker({ feed, clock, store: new PostgresStateStore(pool, accountId), config: { accountId, crossSpread: false, regulatoryFees: false, orderLatencyMs: 0, orderLatencyJitterMs: 0, slippageBps: 0, volumeImpactBps: 0, rangeImpact: 0, maxParticipation: 1 } });
  return { a: make(), b: make(), clock, accountId };
}

/** A pool whose clients count the statements they send (one statement = one round trip). */
function countingPool(pool: pg.Pool): { pool: pg.Pool; count: () => number; reset: () => void } {
  let n = 0;
  const wrapped = {
    connect: async () => {
      const client = await pool.connect();
      return new Proxy(client, {
        get(target, prop) {
          if (prop === 'query') return (...args: unknown[]) => ((n += 1), (target.query as (...a: unknown[]) => unknown)(...args));
          const v = (target as unknown as Record<PropertyKey, unknown>)[prop];
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
    },
  };
  return { pool: wrapped as unknown as pg.Pool, count: () => n, reset: () => void (n = 0) };
}

describe('simulated broker on Postgres', () => {
  it('two_broker_instances_on_one_schema_see_the_same_orders_fills_and_positions', async () => {
    const { a, b, clock } = twoInvocations();
    const placed = await a.submitOrder(request({ clientOrderId: 'pg-1', orderClass: 'bracket', takeProfit: { limitPrice: 104 }, stopLoss: { stopPrice: 95 } }));
    expect(placed.status).toBe('accepted');
    const seen = (await b.getOrderByClientOrderId('pg-1'))!;
    expect(seen.legs.map((l) => l.status)).toEqual(['held', 'held']);
    clock.set(ny('10:03'));
    const viaB = (await b.getOrderByClientOrderId('pg-1'))!;
    expect(viaB).toMatchObject({ status: 'filled', filledAvgPrice: 100 });
    expect(viaB.legs.map((l) => l.status)).toEqual(['filled', 'canceled']);
    expect(await a.getOrder(viaB.id)).toEqual(viaB);
    expect((await a.getFills({})).fills).toEqual((await b.getFills({})).fills);
    expect((await a.getFills({})).fills.map((f) => f.price)).toEqual([100, 104]);
    expect(await a.getPositions()).toEqual([]);
    expect(await a.getAccount()).toEqual(await b.getAccount());
    expect(await b.submitOrder(request({ clientOrderId: 'pg-1' }))).toMatchObject({ status: 'duplicate', order: { id: viaB.id } });
  });

  it('concurrent_submits_with_the_same_client_order_id_create_exactly_one_order', async () => {
    const { a, b, accountId } = twoInvocations();
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).submitOrder(request({ clientOrderId: 'same-intent', qty: 1 + i }))));
    expect(outcomes.filter((o) => o.status === 'accepted')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'duplicate')).toHaveLength(7);
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM sim_broker_orders WHERE account_id = $1', [accountId]);
    expect(rows[0].n).toBe(1);
  });

  it('concurrent_calls_after_new_bars_fill_each_order_once', async () => {
    const { a, b, clock, accountId } = twoInvocations();
    for (let i = 0; i < 3; i++) await a.submitOrder(request({ qty: 1 }));
    clock.set(ny('10:05'));
    await Promise.all([a.getAccount(), b.getPositions(), a.listOrders({ status: 'all' }), b.getAccount(), b.getFills({})]);
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM sim_broker_fills WHERE account_id = $1', [accountId]);
    expect(rows[0].n).toBe(3);
    expect((await b.getPositions())[0]).toMatchObject({ qty: 3 });
  });

  it('uses_the_same_number_of_round_trips_per_call_whatever_the_number_of_orders', async () => {
    const counting = countingPool(db.pool);
    const { a, clock } = twoInvocations(counting.pool);
    await a.getAccount();
    const perCall = async (work: () => Promise<unknown>) => {
      counting.reset();
      await work();
      return counting.count();
    };
    const few = await perCall(() => a.submitOrder(request({ type: 'limit', limitPrice: 50 })));
    for (let i = 0; i < 25; i++) await a.submitOrder(request({ type: 'limit', limitPrice: 50 + i / 100 }));
    clock.set(ny('10:04'));
    const many = await perCall(() => a.submitOrder(request({ type: 'limit', limitPrice: 60 })));
    expect(many).toBe(few);
    expect(few).toBe(5); // BEGIN, lock, load, save, COMMIT
    expect(await perCall(() => a.listOrders({ status: 'open', limit: 500 }))).toBe(6);
  });

  it('gives_the_same_results_as_the_in_memory_store', async () => {
    const { a: onPg, clock } = twoInvocations();
    const mem = harness({ start: ny('10:00'), config: { accountId: onPg.config.accountId } });
    mem.feed.addBars('AAPL', minuteBars(ny('09:59'), [100, 100, 101, [101, 106, 100, 105, 1e4], 105, 105]));
    for (const broker of [onPg, mem.broker]) {
      await broker.submitOrder(request({ clientOrderId: 'same-a', orderClass: 'bracket', takeProfit: { limitPrice: 104 }, stopLoss: { stopPrice: 95 } }));
      await broker.submitOrder(request({ clientOrderId: 'same-b', type: 'limit', limitPrice: 99, qty: 2 }));
    }
    clock.set(ny('10:04'));
    mem.clock.set(ny('10:04'));
    expect(await onPg.listOrders({ status: 'all', nested: true })).toEqual(await mem.broker.listOrders({ status: 'all', nested: true }));
    expect((await onPg.getFills({})).fills).toEqual((await mem.broker.getFills({})).fills);
    expect(await onPg.getAccount()).toEqual(await mem.broker.getAccount());
  });
});
