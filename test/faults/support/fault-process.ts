import type pg from 'pg';
import type { Broker } from '../../../lib/ports/broker.port.ts';
import type { Clock } from '../../../lib/ports/clock.port.ts';
import type { NewIntent, ReconcileReport, TradingStore } from '../../../lib/ports/trading-store.port.ts';
import { PgTradingStore } from '../../../lib/adapters/postgres/trading/trading-store.ts';
import { submitIntents, type SubmitReport } from '../../../lib/app/trading/submit-intents.ts';
import { reconcile, DEFAULT_RECONCILE } from '../../../lib/app/trading/reconcile.ts';
import { createLogger, type Logger } from '../../../lib/platform/logger.ts';
import { MINUTE_MS } from '../../../lib/domain/time.ts';
import type { ManualClock } from '../../../lib/adapters/sim/broker/sim-broker-fixture.ts';
import { crashingBroker, crashingPool, crashingStore } from './crashing-ports.ts';
import { KillSwitch, type KillTarget } from './kill-switch.ts';

export const quietLog: Logger = createLogger({ sink: () => undefined });

/** One simulated process: its own objects over the shared database and the shared broker, and its fate. */
export interface FaultProcess {
  ks: KillSwitch;
  store: TradingStore;
  broker: Broker;
  deps: { broker: Broker; store: TradingStore; clock: Clock; log: Logger };
}

let lastToken = 0;
/** A fencing token newer than every earlier one (each process run is a new tick holding the lock). */
export function nextFence(): number {
  lastToken += 1;
  return lastToken;
}

/**
 * Starts a process: fresh store and broker objects, instrumented so it dies at `target` (never when null).
 * `broker` is the object the process uses, or how to build it with the process's kill switch (to put kill
 * points inside it, on the wire).
 */
export function startProcess(pool: pg.Pool, broker: Broker | ((ks: KillSwitch) => Broker), clock: Clock, target: KillTarget | null): FaultProcess {
  const ks = new KillSwitch(target);
  const store = crashingStore(new PgTradingStore(crashingPool(pool, ks)), ks);
  const b = crashingBroker(typeof broker === 'function' ? broker(ks) : broker, ks);
  return { ks, store, broker: b, deps: { broker: b, store, clock, log: quietLog } };
}

/** How one run unfolds in time (drawn once per seed, so a dry run and the killed run are the same run). */
export interface RunTiming {
  /** Minutes between the cycle and the first reconcile (market orders fill meanwhile). */
  firstReconcileAfter: number;
  /** Minutes between the two reconciles of the first process. */
  secondReconcileAfter: number;
  /** Minutes before the killed process is replaced. */
  restartAfter: number;
}

/**
 * The first process's life: the cycle sends its intents, then two reconciles follow as the market moves.
 * Each use case runs under its own phase name, so kill points read `reconcile1/store.applySnapshot:before`.
 */
export async function firstLife(p: FaultProcess, clock: ManualClock, intents: readonly NewIntent[], timing: RunTiming, reports: { cycle?: SubmitReport; reconciles: ReconcileReport[] }): Promise<void> {
  const fence = nextFence();
  p.ks.phase = 'cycle';
  reports.cycle = await submitIntents(p.deps, intents, fence);
  clock.advance(timing.firstReconcileAfter * MINUTE_MS);
  p.ks.phase = 'reconcile1';
  reports.reconciles.push(await reconcile(p.deps, fence));
  clock.advance(timing.secondReconcileAfter * MINUTE_MS);
  p.ks.phase = 'reconcile2';
  reports.reconciles.push(await reconcile(p.deps, fence));
}

/**
 * The replacement process: it re-runs the same cycle (same intents, same client order ids), lets the
 * market move until unresolved intents must be given up (an order found by its client order id is
 * accepted first), and reconciles twice. Returns the second reconcile's report: nothing new may happen in
 * it (the clock did not move).
 */
export async function recovery(p: FaultProcess, clock: ManualClock, intents: readonly NewIntent[]): Promise<{ rerun: SubmitReport; last: ReconcileReport }> {
  const fence = nextFence();
  p.ks.phase = 'rerun';
  const rerun = await submitIntents(p.deps, intents, fence);
  p.ks.phase = 'recover';
  clock.advance(DEFAULT_RECONCILE.giveUpAfterMs + MINUTE_MS);
  await reconcile(p.deps, fence);
  const last = await reconcile(p.deps, fence);
  return { rerun, last };
}
