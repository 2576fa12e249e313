import type pg from 'pg';
import type { Broker } from '../../../lib/ports/broker.port.ts';
import type { NewIntent } from '../../../lib/ports/trading-store.port.ts';
import type { Fill, Order } from '../../../lib/domain/orders.ts';
import type { ExecuteDeps } from '../../../lib/app/trading/execute-entries.ts';
import { createRandom, type Random } from '../../../lib/shared/random.ts';
import { MINUTE_MS } from '../../../lib/domain/time.ts';
import { MemoryStateStore } from '../../../lib/adapters/sim/broker/memory-state-store.ts';
import type { FakeSimFeed } from '../../../lib/adapters/sim/broker/fake-sim-feed.ts';
import type { ManualClock } from '../../../lib/adapters/sim/broker/sim-broker-fixture.ts';
import { submitIntents } from '../../../lib/app/trading/submit-intents.ts';
import { reconcile } from '../../../lib/app/trading/reconcile.ts';
import { flattenPositions } from '../../../lib/app/trading/flatten.ts';
import { closeOut } from '../../../lib/app/trading/close-out.ts';
import { ensureStops } from '../../../lib/app/trading/protect.ts';
import { brokerSide, cycleIntents, resetTrading, sessionClock, type BrokerSide } from './fault-world.ts';
import { nextFence, quietLog, startProcess, type FaultProcess } from './fault-process.ts';
import { targetAt, untilKilled } from './kill-switch.ts';
import { checkInvariants, readBrokerTruth } from './invariants.ts';

/** The steps of the exit path a process is killed at (issue 13). */
export type ExitStep = 'after_the_cancels' | 'between_cancel_and_exit' | 'after_the_exit_is_sent';

/** Which recorded points of the exit phase belong to a step. */
export function exitStepOf(point: string): ExitStep | null {
  const [phase, name] = point.split('/') as [string, string];
  if (phase !== 'exit') return null;
  if (name === 'broker.cancelOrder:after') return 'after_the_cancels';
  if (name.startsWith('broker.listOrders') || name.startsWith('broker.getPositions') || name === 'store.saveIntents:before' || name.startsWith('sql:saveIntents:') || name.startsWith('store.markSubmitting') || name === 'broker.submitOrder:before') {
    return 'between_cancel_and_exit';
  }
  if (name === 'broker.submitOrder:after' || name.startsWith('store.recordOutcome') || name.startsWith('sql:recordOutcome:') || name.startsWith('store.appendAudit')) return 'after_the_exit_is_sent';
  return null;
}

export interface ExitRunResult {
  seed: number;
  killedAt: string;
  violations: string[];
  flips: number;
  duplicates: number;
  lostFills: number;
  unprotected: number;
  exitFills: number;
  legFillsDuringCancel: number;
}

/** A broker whose every call takes `stepMs` of simulated time: bars complete between the calls of one exit, so legs fill during cancels. */
function moving(inner: Broker, clock: ManualClock, stepMs: number): Broker {
  return new Proxy(inner, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target) as unknown;
      if (typeof v !== 'function') return v;
      return (...a: unknown[]) => {
        clock.advance(stepMs);
        return (v as (...x: unknown[]) => unknown).apply(target, a);
      };
    },
  });
}

const TERMINAL = new Set(['filled', 'canceled', 'expired', 'replaced', 'rejected']);

/** Flips and enlargements: a fill of an exit (or protective stop) that takes a position past flat or makes it bigger. */
function exitFillViolations(fills: readonly Fill[], orders: readonly Order[], entryIds: ReadonlySet<string>): { flips: string[]; exitFills: number } {
  const byId = new Map(orders.map((o) => [o.id, o]));
  const pos = new Map<string, number>();
  const flips: string[] = [];
  let exitFills = 0;
  for (const f of [...fills].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))) {
    const before = pos.get(f.symbol) ?? 0;
    const after = before + (f.side === 'buy' ? f.qty : -f.qty);
    pos.set(f.symbol, Math.round(after * 1e9) / 1e9);
    const o = byId.get(f.orderId);
    const isExit = o !== undefined && !entryIds.has(o.clientOrderId);
    if (!isExit) continue;
    exitFills++;
    if (Math.sign(after) !== 0 && Math.sign(after) !== Math.sign(before)) flips.push(`exit ${o!.clientOrderId} flipped ${f.symbol} from ${before} to ${after}`);
    else if (Math.abs(after) > Math.abs(before) + 1e-9) flips.push(`exit ${o!.clientOrderId} enlarged ${f.symbol} from ${before} to ${after}`);
  }
  return { flips, exitFills };
}

/**
 * Kill-and-recover runs of the exit path. Each run: 1-4 bracket or plain entries fill and are reconciled;
 * then an exit tick (flatten of everything, or manage_exits closing some positions) runs on a broker whose
 * calls take simulated time (legs fill during the cancels), and the process is killed at a step drawn from
 * the dry run of that tick; a new process then runs the next ticks (reconcile, the same exit decision,
 * protective stops) until the closes are done. Checked against the broker's own records: no exit flipped or
 * enlarged a position, no client order id twice and never two working exits on one position, every fill
 * recorded, and every position not being closed had a broker-side stop at the end of every tick.
 */
export class ExitCampaign {
  private readonly traces = new Map<number, string[]>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly feed: FakeSimFeed,
  ) {}

  private plan(seed: number) {
    const rnd = createRandom(seed);
    const clock = sessionClock(rnd.fork('clock'));
    const intents = cycleIntents(rnd.fork('intents'), this.feed, clock.now(), `x${seed}`).map(asBracket(rnd.fork('brackets')));
    const t = rnd.fork('timing');
    return { seed, clock, intents, fillMinutes: t.int(2, 5), stepMs: t.int(5, 40) * 1000, flattenAll: t.chance(0.5), closeShare: t.next(), restartAfter: t.int(0, 2) };
  }

  private async setup(seed: number): Promise<{ side: BrokerSide; run: ReturnType<ExitCampaign['plan']>; auditFrom: number }> {
    const run = this.plan(seed);
    const auditFrom = await resetTrading(this.pool);
    const side = brokerSide(this.feed, run.clock, new MemoryStateStore());
    const p0 = startProcess(this.pool, side.fresh(), run.clock, null);
    const fence = nextFence();
    await submitIntents(p0.deps, run.intents, fence);
    run.clock.advance(run.fillMinutes * MINUTE_MS);
    await reconcile(p0.deps, fence);
    await ensureStops(execDeps(p0, run.clock), null, fence, 'fault', (await p0.store.openPositions()).map((p) => ({ symbol: p.symbol, stopPrice: p.plan?.stopPrice ?? null })));
    return { side, run, auditFrom };
  }

  /** The exit tick: flatten everything, or close a seeded share of the positions as manage_exits would. */
  private async exitTick(p: FaultProcess, run: ReturnType<ExitCampaign['plan']>, fence: number): Promise<Set<string>> {
    const deps = execDeps(p, run.clock);
    p.ks.phase = 'exit';
    if (run.flattenAll) {
      const positions = await p.broker.getPositions();
      await flattenPositions(deps, null, fence, { strategy: 'fault' }, { exitReason: 'flatten_before_close', message: 'flatten before the close', kind: 'flatten' });
      return new Set(positions.map((x) => x.symbol));
    }
    const positions = await p.store.openPositions();
    // The exit rules' decision for a symbol is the same on every tick of the run (drawn per symbol).
    const chosen = positions.filter((x) => createRandom(run.seed).fork(`close:${x.symbol}`).next() < run.closeShare);
    await closeOut(deps, null, fence, 'fault', chosen.map((x) => ({ symbol: x.symbol, side: x.side, exitReason: 'time_exit', kind: 'exit', reason: 'time exit' })));
    await ensureStops(deps, null, fence, 'fault', positions.map((x) => ({ symbol: x.symbol, stopPrice: x.plan?.stopPrice ?? null })));
    return new Set(chosen.map((x) => x.symbol));
  }

  private async trace(seed: number): Promise<string[]> {
    const known = this.traces.get(seed);
    if (known) return known;
    const { side, run } = await this.setup(seed);
    const p = startProcess(this.pool, (_ks) => moving(side.fresh(), run.clock, run.stepMs), run.clock, null);
    await this.exitTick(p, run, nextFence());
    this.traces.set(seed, p.ks.trace);
    return p.ks.trace;
  }

  /** One run killed at a step of kind `step`; null when this seed's exit tick never reaches one. */
  async killAndRecover(seed: number, step: ExitStep): Promise<ExitRunResult | null> {
    const trace = await this.trace(seed);
    const candidates = trace.map((p, i) => [p, i] as const).filter(([p]) => exitStepOf(p) === step);
    if (candidates.length === 0) return null;
    const target = targetAt(trace, createRandom(seed).fork(`exit-kill:${step}`).pick(candidates)[1]);
    const { side, run, auditFrom } = await this.setup(seed);
    const exitStart = run.clock.now();
    const doomed = startProcess(this.pool, (_ks) => moving(side.fresh(), run.clock, run.stepMs), run.clock, target);
    let closing = new Set<string>();
    const fate = await untilKilled(doomed.ks, async () => void (closing = await this.exitTick(doomed, run, nextFence())));
    await doomed.ks.settled();
    if (fate !== 'killed') throw new Error(`seed ${seed}: the process was to die at ${target.point}`);
    const violations: string[] = [];
    let unprotected = 0;
    let twoExits = 0;
    run.clock.advance(run.restartAfter * MINUTE_MS);
    // The next ticks, by a new process: reconcile, the same exit decision again, protective stops.
    for (let tick = 0; tick < 5; tick++) {
      const p = startProcess(this.pool, side.fresh(), run.clock, null);
      const fence = nextFence();
      await reconcile(p.deps, fence);
      const again = await this.exitTick(p, run, fence);
      for (const symbol of again) closing.add(symbol);
      const truth = await readBrokerTruth(side.truth());
      const live = truth.orders.filter((o) => !TERMINAL.has(o.status));
      for (const pos of truth.positions) {
        const closingSide = pos.side === 'long' ? 'sell' : 'buy';
        const mine = live.filter((o) => o.symbol === pos.symbol && o.side === closingSide);
        const exits = mine.filter((o) => o.orderClass === 'simple' && (o.type === 'market' || o.type === 'limit') && o.status !== 'pending_cancel');
        if (exits.length > 1) {
          twoExits++;
          violations.push(`tick ${tick}: ${exits.length} working exits on ${pos.symbol}`);
        }
        const stop = mine.some((o) => (o.type === 'stop' || o.type === 'stop_limit') && o.status !== 'held');
        // Invariant 7: a broker-side stop, except while the position is being closed (its exit works, or the exit decided for it waits for its cancels).
        if (!stop && exits.length === 0 && !closing.has(pos.symbol)) {
          unprotected++;
          const seen = live.filter((o) => o.symbol === pos.symbol).map((o) => `${o.side} ${o.type} ${o.orderClass} ${o.status} ${o.filledQty}/${o.qty}`);
          violations.push(`tick ${tick}: ${pos.side} ${pos.qty} ${pos.symbol} has no broker-side stop and is not being closed (open: ${seen.join('; ') || 'none'})`);
        }
      }
      run.clock.advance(MINUTE_MS);
    }
    const last = startProcess(this.pool, side.fresh(), run.clock, null);
    await reconcile(last.deps, nextFence());
    const truth = await readBrokerTruth(side.truth());
    for (const pos of truth.positions) {
      const working = truth.orders.some((o) => o.symbol === pos.symbol && !TERMINAL.has(o.status) && o.side === (pos.side === 'long' ? 'sell' : 'buy') && o.type === 'market');
      if (closing.has(pos.symbol) && !working) violations.push(`${pos.symbol} was to be closed and is still ${pos.side} ${pos.qty} after five ticks, with no exit working`);
    }
    const { rows } = await this.pool.query<NewIntent & { client_order_id: string; kind: string }>(`SELECT client_order_id, kind FROM intents`);
    const entryIds = new Set(rows.filter((r) => r.kind === 'entry').map((r) => r.client_order_id));
    const { flips, exitFills } = exitFillViolations(truth.fills, truth.orders, entryIds);
    violations.push(...flips);
    const all = await checkInvariants(this.pool, truth, rows.map((r) => ({ ...r, clientOrderId: r.client_order_id })), side.spy, auditFrom);
    const lost = all.violations.filter((v) => v.includes('is not in our fills'));
    const dup = all.violations.filter((v) => v.includes('reached the broker') || v.includes('orders with client order id'));
    violations.push(...lost, ...dup);
    // Bracket legs and stops (no intent of their own) that filled once the exit tick had begun: the races of the cancels.
    const intentIds = new Set(rows.map((r) => r.client_order_id));
    const legIds = new Set(truth.orders.filter((o) => !intentIds.has(o.clientOrderId)).map((o) => o.id));
    const legFillsDuringCancel = truth.fills.filter((f) => legIds.has(f.orderId) && f.at >= exitStart).length;
    return { seed, killedAt: target.point, violations, flips: flips.length, duplicates: dup.length + twoExits, lostFills: lost.length, unprotected, exitFills, legFillsDuringCancel };
  }

  async run(step: ExitStep, runs: number, baseSeed: number): Promise<ExitRunResult[]> {
    const results: ExitRunResult[] = [];
    for (let seed = baseSeed; results.length < runs; seed++) {
      const r = await this.killAndRecover(seed, step);
      if (r) results.push(r);
      if (seed > baseSeed + runs * 4) throw new Error(`too few runs reach ${step}`);
    }
    return results;
  }
}

function execDeps(p: FaultProcess, clock: ManualClock): ExecuteDeps {
  return { broker: p.broker, trading: p.store, clock, log: quietLog, notifier: { notify: async () => undefined } } as unknown as ExecuteDeps;
}

/** Entries become brackets (so positions carry stops) more often than in the order-path campaign: 3 in 4. */
function asBracket(rnd: Random) {
  return (i: NewIntent): NewIntent => {
    if (!i.plan || (i.request.orderClass !== 'bracket' && !rnd.chance(0.75))) return i;
    // Half the brackets are tight (0.2 % either side), so their legs often fill while an exit cancels them.
    const mid = (i.plan.stopPrice + i.plan.takeProfitPrice!) / 2;
    const sign = i.request.side === 'buy' ? 1 : -1;
    const tight = rnd.chance(0.5);
    const cents = (x: number) => Math.round(x * 100) / 100;
    const stop = tight ? cents(mid * (1 - sign * 0.002)) : i.plan.stopPrice;
    const target = tight ? cents(mid * (1 + sign * 0.002)) : i.plan.takeProfitPrice!;
    const { limitPrice: _drop, ...rest } = i.request;
    return { ...i, plan: { ...i.plan, stopPrice: stop, takeProfitPrice: target }, request: { ...rest, type: 'market', orderClass: 'bracket', takeProfit: { limitPrice: target }, stopLoss: { stopPrice: stop } } };
  };
}
