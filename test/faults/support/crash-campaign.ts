import type pg from 'pg';
import { expect } from 'vitest';
import type { Broker } from '../../../lib/ports/broker.port.ts';
import type { NewIntent, ReconcileReport } from '../../../lib/ports/trading-store.port.ts';
import type { SubmitReport } from '../../../lib/app/trading/submit-intents.ts';
import { createRandom } from '../../../lib/shared/random.ts';
import { MINUTE_MS } from '../../../lib/domain/time.ts';
import { MemoryStateStore } from '../../../lib/adapters/sim/broker/memory-state-store.ts';
import type { FakeSimFeed } from '../../../lib/adapters/sim/broker/fake-sim-feed.ts';
import type { ManualClock } from '../../../lib/adapters/sim/broker/sim-broker-fixture.ts';
import { brokerSide, cycleIntents, resetTrading, sessionClock, type BrokerSide } from './fault-world.ts';
import { firstLife, recovery, startProcess, type RunTiming } from './fault-process.ts';
import { targetAt, untilKilled, type KillSwitch } from './kill-switch.ts';
import { checkInvariants, readBrokerTruth, type RunFigures } from './invariants.ts';
import { facadeBrokerFor, startFacadeVenue } from './http-venue.ts';

/** The steps of the order path a process is killed at (issue 6). */
export type Step = 'before_intent_written' | 'after_written_before_submit' | 'after_submit_before_answer_recorded' | 'after_fill_before_position_updated';

/** Where the broker lives and how a new process reaches it. */
export interface Venue {
  side: BrokerSide;
  brokerFor(ks: KillSwitch): Broker;
  /** Unexpected errors inside the venue (the facade's bare 500s). */
  errors: unknown[];
  close(): Promise<void>;
}
export type OpenVenue = (feed: FakeSimFeed, clock: ManualClock) => Promise<Venue>;

/** The simulated broker in process (its state in memory, outliving the processes that use it). */
export const inProcessVenue: OpenVenue = async (feed, clock) => {
  const side = brokerSide(feed, clock, new MemoryStateStore());
  return { side, brokerFor: () => side.fresh(), errors: [], close: async () => undefined };
};

/** The production AlpacaBroker over HTTP to the Alpaca-compatible facade over the simulated broker. */
export const facadeVenue: OpenVenue = async (feed, clock) => {
  const venue = await startFacadeVenue(feed, clock);
  return { side: venue.side, brokerFor: facadeBrokerFor(venue, clock), errors: venue.errors, close: venue.close };
};

/** Which recorded points belong to a step of the order path. */
export function belongsTo(step: Step, point: string, fillPhases: ReadonlySet<string>): boolean {
  const [phase, name] = point.split('/') as [string, string];
  switch (step) {
    case 'before_intent_written':
      return phase === 'cycle' && (name === 'store.saveIntents:before' || name.startsWith('sql:saveIntents:'));
    case 'after_written_before_submit':
      return (
        phase === 'cycle' &&
        (name === 'store.saveIntents:after' || name.startsWith('store.markSubmitting') || name.startsWith('sql:markSubmitting:') || name === 'broker.submitOrder:before' || name === 'http.submit:send')
      );
    case 'after_submit_before_answer_recorded':
      return phase === 'cycle' && (name === 'http.submit:answered' || name === 'broker.submitOrder:after' || name === 'store.recordOutcome:before' || name.startsWith('sql:recordOutcome:'));
    case 'after_fill_before_position_updated':
      // Anywhere in a reconcile that has fills to record, up to (not after) its transaction's commit.
      return fillPhases.has(phase) && name !== 'store.applySnapshot:after';
  }
}

export interface RunResult {
  seed: number;
  killedAt: string;
  violations: string[];
  staleOrders: string[];
  figures: RunFigures;
  atKill: { intentsStored: number; unsentStored: number; unrecordedAtBroker: number; fillsMissing: number };
  rerunSent: number;
  lastReconcile: ReconcileReport;
}

/**
 * Kill-and-recover runs over one schema. Each run: a seeded cycle of 1-4 entries is played once without a
 * kill to record every step it passes (store calls, broker calls, HTTP requests, each SQL statement inside
 * each transaction); one step of the requested kind is drawn from that trace; the run is replayed from
 * scratch and killed there; a new process (new objects, same database, same broker) re-runs the same cycle
 * and reconciles; every invariant is then checked against the broker's own state.
 */
export class CrashCampaign {
  // A seed's dry run is the same for every step: record it once.
  private readonly traces = new Map<number, { trace: string[]; fillPhases: Set<string> }>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly feed: FakeSimFeed,
    private readonly openVenue: OpenVenue,
  ) {}

  private plan(seed: number) {
    const rnd = createRandom(seed);
    const clock = sessionClock(rnd.fork('clock'));
    const t = rnd.fork('timing');
    const timing: RunTiming = { firstReconcileAfter: t.int(2, 4), secondReconcileAfter: t.int(1, 6), restartAfter: t.int(0, 3) };
    const intents = cycleIntents(rnd.fork('intents'), this.feed, clock.now(), `s${seed}`);
    return { clock, timing, intents };
  }

  /** What our records and the broker's say at the instant of the kill. */
  private async observe(side: BrokerSide, intents: readonly NewIntent[]) {
    const truth = await readBrokerTruth(side.truth());
    const { rows } = await this.pool.query<{ client_order_id: string; status: string }>(`SELECT client_order_id, status FROM intents WHERE client_order_id = ANY($1::text[])`, [
      intents.map((i) => i.clientOrderId),
    ]);
    const { rows: fills } = await this.pool.query<{ id: string }>(`SELECT id FROM fills`);
    const atBroker = new Set(truth.orders.map((o) => o.clientOrderId));
    const ourFills = new Set(fills.map((f) => f.id));
    return {
      intentsStored: rows.length,
      unsentStored: rows.filter((r) => !atBroker.has(r.client_order_id)).length,
      unrecordedAtBroker: rows.filter((r) => atBroker.has(r.client_order_id) && r.status !== 'accepted').length,
      fillsMissing: truth.fills.filter((f) => !ourFills.has(f.id)).length,
    };
  }

  private async recorded(seed: number) {
    let recorded = this.traces.get(seed);
    if (recorded) return recorded;
    const dry = this.plan(seed);
    await resetTrading(this.pool);
    const venue = await this.openVenue(this.feed, dry.clock);
    try {
      const recorder = startProcess(this.pool, (ks) => venue.brokerFor(ks), dry.clock, null);
      const reports: { cycle?: SubmitReport; reconciles: ReconcileReport[] } = { reconciles: [] };
      await firstLife(recorder, dry.clock, dry.intents, dry.timing, reports);
      const fillPhases = new Set(reports.reconciles.map((r, i) => (r.fillsNew > 0 ? `reconcile${i + 1}` : '')).filter(Boolean));
      recorded = { trace: recorder.ks.trace, fillPhases };
      this.traces.set(seed, recorded);
      return recorded;
    } finally {
      await venue.close();
    }
  }

  /** One run killed at a step of kind `step`; null when this seed's run never reaches such a step. */
  async killAndRecover(seed: number, step: Step): Promise<RunResult | null> {
    const { trace, fillPhases } = await this.recorded(seed);
    const candidates = trace.map((p, i) => [p, i] as const).filter(([p]) => belongsTo(step, p, fillPhases));
    if (candidates.length === 0) return null;
    const target = targetAt(trace, createRandom(seed).fork(`kill:${step}`).pick(candidates)[1]);

    const run = this.plan(seed);
    const auditFrom = await resetTrading(this.pool);
    const venue = await this.openVenue(this.feed, run.clock);
    try {
      const doomed = startProcess(this.pool, (ks) => venue.brokerFor(ks), run.clock, target);
      const fate = await untilKilled(doomed.ks, () => firstLife(doomed, run.clock, run.intents, run.timing, { reconciles: [] }));
      await doomed.ks.settled();
      expect(fate, `seed ${seed}: the process was to die at ${target.point}`).toBe('killed');
      expect(doomed.ks.killedAt).toBe(target.point);
      const atKill = await this.observe(venue.side, run.intents);

      run.clock.advance(run.timing.restartAfter * MINUTE_MS);
      const next = startProcess(this.pool, (ks) => venue.brokerFor(ks), run.clock, null);
      const { rerun, last } = await recovery(next, run.clock, run.intents);
      const truth = await readBrokerTruth(venue.side.truth());
      const { violations, staleOrders, figures } = await checkInvariants(this.pool, truth, run.intents, venue.side.spy, auditFrom);
      if (venue.errors.length) violations.push(...venue.errors.map((e) => `facade error: ${e instanceof Error ? e.message : String(e)}`));
      return { seed, killedAt: target.point, violations, staleOrders, figures, atKill, rerunSent: rerun.sent, lastReconcile: last };
    } finally {
      await venue.close();
    }
  }

  /** `runs` runs killed at steps of kind `step`, seeds from `baseSeed` on. */
  async run(step: Step, runs: number, baseSeed: number): Promise<RunResult[]> {
    const results: RunResult[] = [];
    for (let seed = baseSeed; results.length < runs; seed++) {
      const r = await this.killAndRecover(seed, step);
      if (r) results.push(r);
      if (seed > baseSeed + runs * 3) throw new Error(`too few runs reach ${step}`);
    }
    return results;
  }
}

/** Kill points without their phase, e.g. `sql:applySnapshot:INSERT INTO FILLS`. */
export const distinctPoints = (results: readonly RunResult[]) => new Set(results.map((r) => r.killedAt.replace(/^[^/]+\//, '')));

/** Every invariant held in every run, the last reconcile found nothing new, and the runs really traded. */
export function expectAllInvariants(label: string, results: readonly RunResult[]): void {
  const sum = (f: (x: RunFigures) => number) => results.reduce((s, r) => s + f(r.figures), 0);
  const stale = results.flatMap((r) => r.staleOrders);
  console.info(
    `[faults] ${label}: ${results.length} runs, ${distinctPoints(results).size} distinct kill points, ` +
      `${results.filter((r) => r.violations.length).length} with violations; broker orders ${sum((f) => f.brokerOrders)}, fills ${sum((f) => f.brokerFills)}, ` +
      `round trips ${sum((f) => f.trips)} (${sum((f) => f.closedTrips)} closed); stale order statuses (known gap): ${stale.filter((x) => x.startsWith('leg')).length} legs, ${stale.filter((x) => x.startsWith('order')).length} orders`,
  );
  const broken = results.filter((r) => r.violations.length > 0).map((r) => `seed ${r.seed}, killed at ${r.killedAt}:\n  ${r.violations.join('\n  ')}`);
  expect(broken, broken.slice(0, 5).join('\n')).toEqual([]);
  for (const r of results) expect(r.lastReconcile, `seed ${r.seed}: the last reconcile found something new`).toMatchObject({ fillsNew: 0, intentsFailed: 0 });
  // Kills before the send leave some intents never sent (and failed), so not every run trades.
  expect(sum((f) => f.brokerOrders)).toBeGreaterThanOrEqual(results.length / 2);
  expect(sum((f) => f.brokerFills)).toBeGreaterThanOrEqual(results.length / 2);
  expect(sum((f) => f.trips)).toBeGreaterThan(0);
}
