import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type pg from 'pg';
import { createTestDb, type TestDb } from '../support/db.ts';
import { createRandom } from '../../lib/shared/random.ts';
import { isAppError } from '../../lib/shared/errors.ts';
import { MINUTE_MS } from '../../lib/domain/time.ts';
import { PgTradingStore } from '../../lib/adapters/postgres/trading/trading-store.ts';
import { submitIntents } from '../../lib/app/trading/submit-intents.ts';
import { reconcile, DEFAULT_RECONCILE } from '../../lib/app/trading/reconcile.ts';
import { CapturedLog } from '../../lib/adapters/alpaca/test-support/harness.ts';
import { cycleIntents, fastPool, faultFeed, resetTrading, sessionClock } from './support/fault-world.ts';
import { alpacaBrokerAt, FaultyFetch, startFacadeVenue, type InjectedFault } from './support/http-venue.ts';
import { checkInvariants, readBrokerTruth, type RunFigures } from './support/invariants.ts';
import { nextFence, quietLog } from './support/fault-process.ts';

/**
 * Broker failures injected at random into the production AlpacaBroker's HTTP (429 with Retry-After, 500,
 * 502, 503, 504, timeouts before and after the request reached the server, a 503 after it was processed,
 * dropped connections) on submits, lookups by client order id, order lists, fill pages, positions and the
 * account, with the facade over a simulated broker behind it. While the faults last, the cycle, a re-run
 * of it and reconciles run; the use cases may fail only with the adapter's retryable errors. Once the
 * faults stop and reconcile has run, every invariant holds and every failed submit left its error behind.
 */

const RUNS = Number(process.env.CATALYST_FAULT_HTTP_RUNS ?? 25);
const BASE_SEED = Number(process.env.CATALYST_FAULT_SEED ?? 6_000) + 1_000;
const ENDPOINTS = new Set(['submit', 'lookup', 'listOrders', 'fills', 'positions', 'account']);

interface IntentRow {
  id: string;
  client_order_id: string;
  status: string;
  outcome: { status?: string; message?: string; reconcile?: string } | null;
}

// Several concurrent connections with real transaction isolation: embedded Postgres (one session) cannot.
describe.skipIf(inject('databaseKind') === 'embedded')('broker 429, 5xx and timeouts at random (production adapter over HTTP to the facade)', () => {
  let db: TestDb;
  let pool: pg.Pool;
  const feed = faultFeed();
  beforeAll(async () => {
    db = await createTestDb();
    pool = fastPool(db);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('records_every_injected_broker_failure_sends_nothing_twice_and_converges_once_the_faults_stop', async () => {
    const injected: InjectedFault[] = [];
    const reconcileErrors: string[] = [];
    const violations: string[] = [];
    const figures: RunFigures[] = [];
    let unresolvedRecorded = 0;
    let settledByAdapterLookup = 0;
    for (let seed = BASE_SEED; seed < BASE_SEED + RUNS; seed++) {
      const rnd = createRandom(seed);
      const clock = sessionClock(rnd.fork('clock'));
      const intents = cycleIntents(rnd.fork('intents'), feed, clock.now(), `h${seed}`);
      const auditFrom = await resetTrading(pool);
      const venue = await startFacadeVenue(feed, clock);
      try {
        // Reads fail 10-40 % of the time; submits and lookups, the calls that matter most, half as often again.
        const rate = 0.1 + rnd.next() * 0.3;
        const faulty = new FaultyFetch(rnd.fork('faults'), Object.fromEntries([...ENDPOINTS].map((e) => [e, e === 'submit' || e === 'lookup' ? rate * 1.5 : rate])));
        const log = new CapturedLog();
        const deps = { broker: alpacaBrokerAt(venue.running.url, clock, faulty.fetch, log), store: new PgTradingStore(pool), clock, log: quietLog };
        const fence = nextFence();

        // While the broker misbehaves: the cycle and a re-run of it never throw; reconciles throw only retryable errors.
        await submitIntents(deps, intents, fence);
        for (let tick = 0; tick < 3; tick++) {
          clock.advance(rnd.int(1, 3) * MINUTE_MS);
          await reconcile(deps, fence).catch((e: unknown) => {
            expect(isAppError(e) && e.retryable, `seed ${seed}: reconcile failed with ${String(e)}`).toBe(true);
            reconcileErrors.push(isAppError(e) ? e.code : 'not an AppError');
          });
          if (tick === 0) expect((await submitIntents(deps, intents, fence)).sent, `seed ${seed}: the re-run sent again`).toBe(0);
        }

        // The faults stop: reconcile settles everything.
        faulty.enabled = false;
        await reconcile(deps, fence);
        clock.advance(DEFAULT_RECONCILE.giveUpAfterMs + MINUTE_MS);
        await reconcile(deps, fence);
        const truth = await readBrokerTruth(venue.side.truth());
        const checked = await checkInvariants(pool, truth, intents, venue.side.spy, auditFrom);
        violations.push(...checked.violations.map((v) => `seed ${seed}: ${v}`));
        violations.push(...venue.errors.map((e) => `seed ${seed}: facade error ${String(e)}`));
        figures.push(checked.figures);

        // Every submit that failed left its error on the intent and the reconcile decision in the audit log.
        const { rows } = await pool.query<IntentRow>(`SELECT id, client_order_id, status, outcome FROM intents`);
        const { rows: audits } = await pool.query<{ subject: string; action: string }>(`SELECT subject, action FROM audit_log WHERE id > $1 AND action LIKE 'intent.%'`, [auditFrom]);
        const atBroker = new Set(truth.orders.map((o) => o.clientOrderId));
        for (const f of faulty.injected.filter((x) => x.endpoint === 'submit')) {
          const row = rows.find((r) => r.client_order_id === f.clientOrderId)!;
          if (!f.arrived) {
            // Never reached the broker, and never sent again: given up with the error recorded.
            expect(atBroker.has(row.client_order_id), `seed ${seed}: ${f.kind} submit of ${row.client_order_id}`).toBe(false);
            expect(row.status).toBe('failed');
            expect(row.outcome?.status).toBe('unresolved');
            expect(row.outcome?.message, `seed ${seed}: ${f.kind}`).toMatch(/RATE_LIMITED|HTTP|internal server error|timed out|network error/);
            expect(audits.filter((a) => a.subject === row.id).map((a) => a.action)).toContain('intent.failed');
            unresolvedRecorded++;
          } else {
            // Reached the broker though the answer was lost: accepted, by the adapter's lookup or by reconcile's.
            expect(row.status, `seed ${seed}: ${f.kind} submit of ${row.client_order_id}`).toBe('accepted');
            if (row.outcome?.status === 'accepted') settledByAdapterLookup++;
            else expect(audits.filter((a) => a.subject === row.id).map((a) => a.action)).toContain('intent.accepted');
          }
        }
        const ambiguous = log.lines.filter((l) => l.msg.startsWith('ambiguous submit')).length;
        expect(ambiguous).toBeGreaterThanOrEqual(faulty.injected.filter((x) => x.endpoint === 'submit' && x.kind !== '429').length);
        injected.push(...faulty.injected);
      } finally {
        await venue.close();
      }
    }
    const byEndpoint = Object.fromEntries([...ENDPOINTS].map((e) => [e, injected.filter((f) => f.endpoint === e).length]));
    const sum = (f: (x: RunFigures) => number) => figures.reduce((s, x) => s + f(x), 0);
    console.info(
      `[faults] broker errors over HTTP: ${RUNS} runs, ${injected.length} faults injected ${JSON.stringify(byEndpoint)}, ` +
        `${reconcileErrors.length} reconciles failed (retryable), ${unresolvedRecorded} submits given up with the error recorded, ` +
        `${settledByAdapterLookup} settled by the adapter's lookup; ${violations.length} violations; broker orders ${sum((f) => f.brokerOrders)}, fills ${sum((f) => f.brokerFills)}`,
    );
    expect(violations, violations.slice(0, 10).join('\n')).toEqual([]);
    // The faults hit every endpoint, both kinds of failed submit happened, and the runs still traded.
    for (const e of ENDPOINTS) expect(byEndpoint[e], e).toBeGreaterThan(0);
    expect(injected.some((f) => f.endpoint === 'submit' && f.arrived)).toBe(true);
    expect(unresolvedRecorded).toBeGreaterThan(0);
    expect(reconcileErrors.length).toBeGreaterThan(0);
    expect(sum((f) => f.brokerOrders)).toBeGreaterThan(RUNS);
    expect(sum((f) => f.brokerFills)).toBeGreaterThan(RUNS / 2);
  }, 120_000);
});
