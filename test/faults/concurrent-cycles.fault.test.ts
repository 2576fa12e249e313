import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type pg from 'pg';
import { createTestDb, type TestDb } from '../support/db.ts';
import { createRandom } from '../../lib/shared/random.ts';
import { MINUTE_MS } from '../../lib/domain/time.ts';
import { MemoryStateStore } from '../../lib/adapters/sim/broker/memory-state-store.ts';
import { SimMarketData } from '../../lib/adapters/sim/sim-market-data.ts';
import { PgTradingStore } from '../../lib/adapters/postgres/trading/trading-store.ts';
import { PgTradingStateStore } from '../../lib/adapters/postgres/trading/state.repo.ts';
import { PgAnalysisStore } from '../../lib/adapters/postgres/analysis.repo.ts';
import { submitIntents } from '../../lib/app/trading/submit-intents.ts';
import { reconcile, DEFAULT_RECONCILE } from '../../lib/app/trading/reconcile.ts';
import { executeEntries, type ExecuteConfig } from '../../lib/app/trading/execute-entries.ts';
import { DEFAULT_RISK_CONFIG } from '../../lib/risk/risk-config.ts';
import { DEFAULT_EXIT_RULES_CONFIG } from '../../lib/risk/exit-rules-config.ts';
import type { NewIntent } from '../../lib/ports/trading-store.port.ts';
import type { ManualClock } from '../../lib/adapters/sim/broker/sim-broker-fixture.ts';
import { FAULT_DAY, SYMBOLS, brokerSide, cycleIntents, fastPool, faultFeed, resetTrading, sessionClock, type BrokerSide } from './support/fault-world.ts';
import { checkInvariants, readBrokerTruth, type RunFigures } from './support/invariants.ts';
import { jittered } from './support/jitter.ts';
import { quietLog, nextFence } from './support/fault-process.ts';

/**
 * "Concurrent executions of the same cycle place one set of orders": several processes (each with its own
 * store, broker object and seeded jitter on every call) run the same cycle at once against one database
 * and one simulated broker; afterwards every invariant of the order path must hold, and no client order
 * id may have reached the broker twice.
 */

const RUNS = Number(process.env.CATALYST_FAULT_RACE_RUNS ?? 30);
const BASE_SEED = Number(process.env.CATALYST_FAULT_SEED ?? 6_000);

// Several concurrent connections with real transaction isolation: embedded Postgres (one session) cannot.
describe.skipIf(inject('databaseKind') === 'embedded')('concurrent executions of the same cycle (PostgreSQL, simulated broker)', () => {
  let db: TestDb;
  let pool: pg.Pool;
  const feed = faultFeed();
  beforeAll(async () => {
    db = await createTestDb();
    pool = fastPool(db, 8);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  /** Processes that tried to claim pending intents for sending, per run (more than one: a real race). */
  let claimAttempts = 0;

  /** One racing process: its own store and broker objects, every call jittered by its own seeded stream. */
  function racer(side: BrokerSide, clock: ManualClock, seed: number, k: number) {
    const rnd = createRandom(seed).fork(`racer${k}`);
    const store = new PgTradingStore(pool);
    const counted = new Proxy(store, {
      get(target, prop) {
        if (prop === 'markSubmitting') {
          return (ids: readonly number[], at: number, fence: number | null) => {
            if (ids.length) claimAttempts++;
            return target.markSubmitting(ids, at, fence);
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    return { broker: jittered(side.fresh(), rnd.fork('broker')), store: jittered(counted, rnd.fork('store')), clock, log: quietLog };
  }

  async function settleAndCheck(side: BrokerSide, clock: ManualClock, intents: readonly NewIntent[], auditFrom: number) {
    const fence = nextFence();
    const deps = { broker: side.fresh(), store: new PgTradingStore(pool), clock, log: quietLog };
    clock.advance(3 * MINUTE_MS);
    await reconcile(deps, fence);
    clock.advance(DEFAULT_RECONCILE.giveUpAfterMs + MINUTE_MS);
    await reconcile(deps, fence);
    return checkInvariants(pool, await readBrokerTruth(side.truth()), intents, side.spy, auditFrom);
  }

  function expectClean(label: string, results: { seed: number; violations: string[]; figures: RunFigures }[], minOrders = results.length) {
    const broken = results.filter((r) => r.violations.length).map((r) => `seed ${r.seed}:\n  ${r.violations.join('\n  ')}`);
    const orders = results.reduce((s, r) => s + r.figures.brokerOrders, 0);
    const fills = results.reduce((s, r) => s + r.figures.brokerFills, 0);
    console.info(`[faults] ${label}: ${results.length} runs, ${broken.length} with violations; broker orders ${orders}, fills ${fills}`);
    expect(broken, broken.slice(0, 5).join('\n')).toEqual([]);
    expect(orders).toBeGreaterThanOrEqual(minOrders);
    expect(fills).toBeGreaterThan(0);
  }

  it('places_one_set_of_orders_when_the_same_cycle_runs_in_several_processes_at_once', async () => {
    const results = [];
    let contended = 0;
    for (let seed = BASE_SEED; seed < BASE_SEED + RUNS; seed++) {
      const rnd = createRandom(seed);
      const clock = sessionClock(rnd.fork('clock'));
      const intents = cycleIntents(rnd.fork('intents'), feed, clock.now(), `r${seed}`);
      const auditFrom = await resetTrading(pool);
      const side = brokerSide(feed, clock, new MemoryStateStore());
      const racers = Array.from({ length: rnd.int(2, 5) }, (_, k) => racer(side, clock, seed, k));
      const fence = nextFence();
      claimAttempts = 0;
      const reports = await Promise.all(racers.map((deps) => submitIntents(deps, intents, fence)));
      // Between them the racers sent each intent exactly once, also when several saw it pending.
      const sent = reports.reduce((s, r) => s + r.sent, 0);
      if (claimAttempts > 1) contended++;
      expect(sent, `seed ${seed}`).toBe(intents.length);
      const checked = await settleAndCheck(side, clock, intents, auditFrom);
      results.push({ seed, ...checked });
    }
    expectClean('same cycle in 2-5 processes', results);
    // The races were real: in some runs several processes found the intents pending and tried to claim them.
    console.info(`[faults] same cycle: ${contended} of ${RUNS} runs had several processes claiming the same pending intents`);
    expect(contended).toBeGreaterThan(0);
  }, 120_000);

  it('places_one_set_of_orders_when_a_stale_cycle_is_rerun_while_reconcile_runs', async () => {
    // A cycle stored its intents and died before sending; past stalePendingMs a re-run of that cycle and a
    // reconcile (which closes never-sent intents as failed) race. Either may win, but the intent must end
    // as what the broker says: failed and never sent, or sent once and accepted.
    const results = [];
    const winners = { sent: 0, failed: 0 };
    for (let seed = BASE_SEED; seed < BASE_SEED + RUNS; seed++) {
      const rnd = createRandom(seed);
      const clock = sessionClock(rnd.fork('clock'));
      const intents = cycleIntents(rnd.fork('intents'), feed, clock.now(), `p${seed}`);
      const auditFrom = await resetTrading(pool);
      const side = brokerSide(feed, clock, new MemoryStateStore());
      await new PgTradingStore(pool).saveIntents(intents, nextFence());
      clock.advance(DEFAULT_RECONCILE.stalePendingMs + MINUTE_MS);
      const fence = nextFence();
      const [rerun] = await Promise.all([submitIntents(racer(side, clock, seed, 0), intents, fence), reconcile(racer(side, clock, seed, 1), fence)]);
      winners.sent += rerun.sent;
      winners.failed += intents.length - rerun.sent;
      const checked = await settleAndCheck(side, clock, intents, auditFrom);
      results.push({ seed, ...checked });
    }
    expectClean('stale cycle re-run racing reconcile', results, 1);
    console.info(`[faults] stale re-run vs reconcile: ${winners.sent} intents sent by the re-run, ${winners.failed} closed as never sent`);
    expect(winners.sent).toBeGreaterThan(0);
    expect(winners.failed).toBeGreaterThan(0);
  }, 120_000);

  it('keeps_an_intent_a_rerun_sent_while_reconcile_was_closing_it_as_never_sent', async () => {
    // The worst interleaving of the race above, forced: reconcile reads the stale pending intent, the
    // re-run claims and sends it, and only then does reconcile write its decision.
    const rnd = createRandom(BASE_SEED);
    const clock = sessionClock(rnd.fork('clock'));
    const intents = cycleIntents(rnd.fork('intents'), feed, clock.now(), 'forced', 2);
    const auditFrom = await resetTrading(pool);
    const side = brokerSide(feed, clock, new MemoryStateStore());
    await new PgTradingStore(pool).saveIntents(intents, nextFence());
    clock.advance(DEFAULT_RECONCILE.stalePendingMs + MINUTE_MS);
    let readDone!: () => void;
    let rerunDone!: () => void;
    const read = new Promise<void>((resolve) => (readDone = resolve));
    const rerun = new Promise<void>((resolve) => (rerunDone = resolve));
    const store = new PgTradingStore(pool);
    const held = new Proxy(store, {
      get(target, prop) {
        if (prop === 'unsettledIntents') return async () => target.unsettledIntents().finally(readDone);
        if (prop === 'applySnapshot') return async (...args: Parameters<PgTradingStore['applySnapshot']>) => rerun.then(() => target.applySnapshot(...args));
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const fence = nextFence();
    const reconciling = reconcile({ broker: side.fresh(), store: held, clock, log: quietLog }, fence);
    await read;
    const sent = await submitIntents({ broker: side.fresh(), store: new PgTradingStore(pool), clock, log: quietLog }, intents, fence);
    rerunDone();
    await reconciling;
    expect(sent.sent).toBe(2);
    // Reconcile's stale decision ("never sent: failed") was not written over the re-run's answer.
    const { rows } = await pool.query<{ status: string }>(`SELECT status FROM intents ORDER BY id`);
    expect(rows.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const { rows: failed } = await pool.query(`SELECT 1 FROM audit_log WHERE id > $1 AND action = 'intent.failed'`, [auditFrom]);
    expect(failed).toEqual([]);
    const { violations } = await settleAndCheck(side, clock, intents, auditFrom);
    expect(violations).toEqual([]);
  });

  it('places_one_set_of_orders_when_execute_entries_runs_the_same_cycle_in_several_processes', async () => {
    const analysis = new PgAnalysisStore(pool);
    const at = sessionClock(createRandom(0)).now();
    await analysis.upsertAssets(feed.assets(), at);
    await analysis.upsertStats(
      SYMBOLS.map((symbol) => ({ symbol, asOf: FAULT_DAY, prevClose: feed.quoteAt(symbol, at)!.bidPrice, avgVolume20d: 20_000_000, avgDollarVolume20d: 2_000_000_000, atr14d: 2 })),
      at,
    );
    const config: ExecuteConfig = { risk: DEFAULT_RISK_CONFIG, exits: DEFAULT_EXIT_RULES_CONFIG, strategy: 'catalyst', bucketMs: 5 * MINUTE_MS };
    const results = [];
    let sentByRacers = 0;
    const runs = Math.max(5, Math.round(RUNS / 2));
    for (let seed = BASE_SEED; seed < BASE_SEED + runs; seed++) {
      const rnd = createRandom(seed);
      const clock = sessionClock(rnd.fork('clock'));
      const auditFrom = await resetTrading(pool);
      await pool.query(`DELETE FROM signals; UPDATE trading_state SET state = 'ACTIVE', equity_high_water_usd = NULL`);
      const cycleId = 10_000 + seed;
      const symbols = SYMBOLS.filter(() => rnd.chance(0.5)).slice(0, 4);
      if (symbols.length === 0) symbols.push(SYMBOLS[seed % SYMBOLS.length]!);
      await analysis.saveSignals(
        symbols.map((symbol, i) => {
          const q = feed.quoteAt(symbol, clock.now())!;
          const entry = (q.bidPrice + q.askPrice) / 2;
          const long = rnd.chance(0.7);
          const risk = Math.round(entry * 0.01 * 100) / 100;
          return {
            cycleId, at: clock.now(), symbol, direction: long ? 'long' : 'short', score: 0.8 - i * 0.05, candidateId: null,
            explanation: `race ${seed}: ${symbol}`,
            inputs: { plan: { entry, stop: long ? entry - risk : entry + risk, target: long ? entry + 2 * risk : entry - 2 * risk, riskPerUnitUsd: risk }, news: { storyIds: [seed * 10 + i], newsItemIds: [] } },
          };
        }),
      );
      const side = brokerSide(feed, clock, new MemoryStateStore());
      const marketData = new SimMarketData(feed, clock);
      const fence = nextFence();
      const racers = Array.from({ length: rnd.int(2, 4) }, (_, k) => {
        const deps = racer(side, clock, seed, k);
        return { ...deps, marketData, analysis, state: new PgTradingStateStore(pool), trading: deps.store, notifier: { notify: async () => undefined } };
      });
      const reports = await Promise.all(racers.map((deps) => executeEntries(deps, cycleId, fence, config)));
      sentByRacers += reports.reduce((s, r) => s + r.sent, 0);
      const { rows } = await pool.query<{ client_order_id: string; request: NewIntent['request'] }>(`SELECT client_order_id, request FROM intents WHERE cycle_id = $1`, [cycleId]);
      const intents = rows.map((r) => ({ clientOrderId: r.client_order_id, request: r.request }) as NewIntent);
      expect(intents.length, `seed ${seed}: the gate approved something`).toBeGreaterThan(0);
      const checked = await settleAndCheck(side, clock, intents, auditFrom);
      results.push({ seed, ...checked });
    }
    expectClean('execute entries in 2-4 processes', results);
    // Between them the racers sent each approved intent once: as many sends as orders at the broker.
    expect(sentByRacers).toBe(results.reduce((s, r) => s + r.figures.brokerOrders, 0));
  }, 120_000);
});
