import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { PgTradingStore } from '../../adapters/postgres/trading/trading-store.ts';
import { createLogger } from '../../platform/logger.ts';
import { minuteBars } from '../../adapters/sim/broker/fake-sim-feed.ts';
import { harness, ny, request, type Harness } from '../../adapters/sim/broker/sim-broker-fixture.ts';
import type { Broker } from '../../ports/broker.port.ts';
import type { Order } from '../../domain/orders.ts';
import type { ExecuteDeps } from './execute-entries.ts';
import { flattenPositions } from './flatten.ts';
import { closeOut } from './close-out.ts';
import { ensureStops } from './protect.ts';
import { manageExits } from './manage-exits.ts';
import { reconcile } from './reconcile.ts';
import { submitIntents } from './submit-intents.ts';
import { DEFAULT_RISK_CONFIG } from '../../risk/risk-config.ts';
import { DEFAULT_EXIT_RULES_CONFIG } from '../../risk/exit-rules-config.ts';

/**
 * The exit path against the simulated broker, which cancels asynchronously as Alpaca does (pending_cancel,
 * the legs keep holding the shares and may still fill). `moving` makes every broker call take 30 s of
 * simulated time, so bars complete between the calls of one exit (a leg can fill between the position read
 * and the cancel).
 */
const FLAT = { exitReason: 'flatten_before_close' as const, message: 'flatten before the close', kind: 'flatten' as const };
const config = { strategy: 'catalyst' };

function moving(h: Harness): Broker {
  return new Proxy(h.broker, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        h.wait(0.5);
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as Broker;
}

describe('exits never flip, enlarge or double a position (real PostgreSQL, simulated broker with asynchronous cancels)', () => {
  let db: TestDb;
  let store: PgTradingStore;
  beforeAll(async () => {
    db = await createTestDb();
    store = new PgTradingStore(db.pool);
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    await db.pool.query('TRUNCATE intents, audit_log RESTART IDENTITY CASCADE');
  });

  function depsFor(h: Harness, broker: Broker = h.broker): ExecuteDeps {
    return { broker, trading: store, clock: h.clock, log: createLogger({ sink: () => undefined }), notifier: { notify: async () => undefined } } as unknown as ExecuteDeps;
  }

  /** Long 10 AAPL from a bracket (take-profit 110, stop 95) filled on the 10:00 bar; `after` are the bars from 10:01. */
  async function longWithBracket(after: readonly (number | readonly [number, number, number, number, number])[], at = ny('10:01') + 30_000) {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100, 100]));
    h.feed.addBars('AAPL', minuteBars(ny('10:01'), after));
    const placed = await h.broker.submitOrder(request({ qty: 10, orderClass: 'bracket', takeProfit: { limitPrice: 110 }, stopLoss: { stopPrice: 95 } }));
    expect(placed.status).toBe('accepted');
    h.clock.set(at);
    expect(await h.broker.getPositions()).toMatchObject([{ symbol: 'AAPL', side: 'long', qty: 10 }]);
    return h;
  }

  const stopOf = (orders: readonly Order[]) => orders.flatMap((o) => [o, ...o.legs]).find((o) => o.type === 'stop' && !['canceled', 'filled', 'expired', 'replaced'].includes(o.status));

  it('a_flatten_whose_stop_fills_during_the_cancel_does_not_sell_a_flat_position_short', async () => {
    // The 10:01 bar trades through the stop; it completes between the flatten's position read and its cancel.
    const h = await longWithBracket([[99, 99, 90, 91, 10_000], 91, 91, 91, 91], ny('10:01'));
    await flattenPositions(depsFor(h, moving(h)), null, null, config, FLAT);
    h.wait(5);
    expect(await h.broker.getPositions()).toEqual([]);
    const sells = (await h.broker.listOrders({ status: 'all', nested: false })).filter((o) => o.side === 'sell' && o.filledQty > 0);
    expect(sells.reduce((s, o) => s + o.filledQty, 0)).toBe(10);
    const { rows } = await db.pool.query(`SELECT action, reason FROM audit_log WHERE subject = 'AAPL'`);
    expect(rows.map((r) => r.action)).toContain('exit.skipped');
  });

  it('a_flatten_waits_for_the_pending_cancels_keeping_the_stop_and_closes_on_the_next_tick_sized_from_the_position', async () => {
    const h = await longWithBracket([100, 100, 100, 100, 100]);
    const first = await flattenPositions(depsFor(h), null, null, config, FLAT);
    // No sell is sent against shares the legs still hold (Alpaca would refuse it, 403 insufficient qty).
    // It says so: the close is deferred (carried on by the next ticks), not skipped for want of a position.
    expect(first).toMatchObject({ intents: 0, sent: 0, deferred: 1 });
    const { rows: rejected } = await db.pool.query(`SELECT count(*)::int AS n FROM intents WHERE status = 'rejected'`);
    expect(rejected[0].n).toBe(0);
    // Meanwhile the stop still protects (pending_cancel can still fill).
    expect(stopOf(await h.broker.listOrders({ status: 'open', nested: false }))).toMatchObject({ status: 'pending_cancel' });
    h.wait(1);
    const second = await flattenPositions(depsFor(h), null, null, config, FLAT);
    expect(second).toMatchObject({ intents: 1, sent: 1, deferred: 0 });
    h.wait(2);
    expect(await h.broker.getPositions()).toEqual([]);
    const { rows } = await db.pool.query(`SELECT request FROM intents`);
    expect(rows.map((r) => [r.request.side, r.request.qty])).toEqual([['sell', 10]]);
  });

  it('an_exit_and_a_flatten_in_the_same_tick_send_one_close_and_the_flatten_leaves_the_working_exit_alone', async () => {
    const h = harness({ start: ny('15:49') + 30_000 });
    h.feed.addBars('AAPL', minuteBars(ny('15:48'), [100, 100, 100, 100, 100]));
    await h.broker.submitOrder(request({ qty: 10 }));
    h.wait(2);
    const deps = depsFor(h);
    // manage_exits decided to close (its target), then flatten is due in the same tick (close - 10 min).
    const exit = await closeOut(deps, null, null, 'catalyst', [{ symbol: 'AAPL', side: 'long', exitReason: 'take_profit', kind: 'exit', reason: 'target reached' }]);
    expect(exit.submit.sent).toBe(1);
    const flat = await flattenPositions(deps, null, null, config, FLAT);
    expect(flat).toMatchObject({ intents: 0, sent: 0 });
    const open = await h.broker.listOrders({ status: 'open', nested: false });
    expect(open.map((o) => [o.side, o.type, o.status])).toEqual([['sell', 'market', 'new']]);
    h.wait(2);
    expect(await h.broker.getPositions()).toEqual([]);
    const { rows } = await db.pool.query(`SELECT reason FROM audit_log WHERE action = 'exit.skipped'`);
    expect(rows[0].reason).toMatch(/an exit is already working/);
  });

  it('the_daily_close_out_flattens_equities_and_leaves_crypto_pairs_unless_configured', async () => {
    const h = harness({ start: ny('15:50') + 30_000 });
    h.feed.addBars('AAPL', minuteBars(ny('15:49'), [100, 100, 100, 100, 100, 100]));
    h.feed.addBars('BTC/USD', minuteBars(ny('15:49'), [60_000, 60_000, 60_000, 60_000, 60_000, 60_000]));
    await h.broker.submitOrder(request({ qty: 10 }));
    await h.broker.submitOrder(request({ symbol: 'BTC/USD', qty: 0.1, timeInForce: 'gtc' }));
    h.wait(2);
    expect((await h.broker.getPositions()).map((p) => p.symbol)).toEqual(['AAPL', 'BTC/USD']);
    await flattenPositions(depsFor(h), null, null, config, FLAT, { assetClasses: ['us_equity'] });
    h.wait(2);
    expect((await h.broker.getPositions()).map((p) => p.symbol)).toEqual(['BTC/USD']);
  });

  /** A broker that refuses every market order as Alpaca refuses a potential wash trade. */
  function refusingMarketOrders(h: Harness): Broker {
    return new Proxy(h.broker, {
      get(target, key, receiver) {
        if (key === 'submitOrder') {
          return async (req: Parameters<Broker['submitOrder']>[0]) =>
            req.type === 'market' ? { status: 'rejected', reason: 'wash_trade', message: 'potential wash trade detected. use complex orders', httpStatus: 403, brokerCode: 40310000 } : target.submitOrder(req);
        }
        const v = Reflect.get(target, key, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    }) as Broker;
  }

  it('a_close_refused_by_name_is_not_retried_and_leaves_the_position_with_a_gtc_stop', async () => {
    const h = harness({ start: ny('15:50') + 30_000 });
    h.feed.addBars('AAPL', minuteBars(ny('15:49'), [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100]));
    await h.broker.submitOrder(request({ qty: 10 }));
    h.wait(2);
    const deps = depsFor(h, refusingMarketOrders(h));
    await flattenPositions(deps, null, null, config, FLAT);
    const open = await h.broker.listOrders({ status: 'open', nested: false });
    expect(open.map((o) => [o.side, o.type, o.timeInForce, o.qty, o.stopPrice])).toEqual([['sell', 'stop', 'gtc', 10, 97]]);
    const { rows } = await db.pool.query(`SELECT kind, status, request->>'type' AS type FROM intents ORDER BY id`);
    expect(rows).toEqual([{ kind: 'flatten', status: 'rejected', type: 'market' }, { kind: 'replace_stop', status: 'accepted', type: 'stop' }]);
    // The GTC stop outlives the close: the position is protected overnight.
    h.clock.set(ny('16:30'));
    expect((await h.broker.listOrders({ status: 'open', nested: false })).map((o) => o.status)).toEqual(['new']);
  });

  it('a_crypto_pair_gets_a_broker_side_stop_limit_gtc_at_its_planned_stop', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('BTC/USD', minuteBars(ny('09:59'), [60_000, 60_000, 60_000]));
    await h.broker.submitOrder(request({ symbol: 'BTC/USD', qty: 0.1, timeInForce: 'gtc' }));
    h.wait(2);
    const first = await ensureStops(depsFor(h), null, null, 'catalyst', [{ symbol: 'BTC/USD', stopPrice: 57_000 }]);
    expect(first.sent).toBe(1);
    const open = await h.broker.listOrders({ status: 'open', nested: false });
    expect(open).toMatchObject([{ symbol: 'BTC/USD', side: 'sell', type: 'stop_limit', timeInForce: 'gtc', qty: 0.1, stopPrice: 57_000, limitPrice: 55_860 }]);
    // Protected: the next tick sends nothing.
    h.wait(1);
    expect((await ensureStops(depsFor(h), null, null, 'catalyst', [{ symbol: 'BTC/USD', stopPrice: 57_000 }])).sent).toBe(0);
  });

  it('manage_exits_closes_a_position_of_ours_without_a_plan_at_once_with_the_reason', async () => {
    await db.pool.query('TRUNCATE positions, orders, fills, trades RESTART IDENTITY CASCADE');
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100, 100, 100, 100, 100, 100]));
    const deps = depsFor(h);
    const cid = 'c1-catalyst-AAPL-test-en';
    await submitIntents({ broker: h.broker, store, clock: h.clock, log: deps.log }, [{ clientOrderId: cid, cycleId: null, createdAt: h.clock.now(), kind: 'entry', reason: 'test entry without a plan', request: { clientOrderId: cid, symbol: 'AAPL', side: 'buy', type: 'market', timeInForce: 'day', qty: 10 } }], null);
    h.wait(2);
    await reconcile({ broker: h.broker, store, clock: h.clock, log: deps.log }, null);
    expect(await store.openPositions()).toMatchObject([{ symbol: 'AAPL', side: 'long', plan: null, adopted: false }]);
    const report = await manageExits(deps, null, null, { risk: DEFAULT_RISK_CONFIG, exits: DEFAULT_EXIT_RULES_CONFIG, strategy: 'catalyst', bucketMs: 300_000 });
    expect(report.sent).toBe(1);
    const { rows } = await db.pool.query(`SELECT exit_reason, reason, request FROM intents WHERE kind = 'exit'`);
    expect(rows).toMatchObject([{ exit_reason: 'unplanned', request: { side: 'sell', qty: 10 } }]);
    expect(rows[0].reason).toMatch(/without a plan/);
    h.wait(2);
    expect(await h.broker.getPositions()).toEqual([]);
  });

  it('an_operators_flatten_left_waiting_for_its_cancels_is_carried_on_by_the_next_tick', async () => {
    await db.pool.query('TRUNCATE positions, orders, fills, trades RESTART IDENTITY CASCADE');
    const h = await longWithBracket([100, 100, 100, 100, 100]);
    const deps = depsFor(h);
    await reconcile({ broker: h.broker, store, clock: h.clock, log: deps.log }, null);
    const first = await flattenPositions(deps, null, null, config, { exitReason: 'operator_flatten', message: 'Operator ann flattened: news', kind: 'operator' });
    expect(first.sent).toBe(0);
    h.wait(1);
    await reconcile({ broker: h.broker, store, clock: h.clock, log: deps.log }, null);
    const next = await manageExits(deps, null, null, { risk: DEFAULT_RISK_CONFIG, exits: DEFAULT_EXIT_RULES_CONFIG, strategy: 'catalyst', bucketMs: 300_000 });
    expect(next.sent).toBe(1);
    const { rows } = await db.pool.query(`SELECT kind, exit_reason, reason FROM intents`);
    expect(rows).toMatchObject([{ kind: 'operator', exit_reason: 'operator_flatten', reason: expect.stringMatching(/Operator ann flattened: news \(continued\)/) }]);
    h.wait(2);
    expect(await h.broker.getPositions()).toEqual([]);
    // Done: nothing is carried on any more.
    expect(await store.deferredCloses(h.clock.now() - 3_600_000)).toEqual([]);
  });
});
