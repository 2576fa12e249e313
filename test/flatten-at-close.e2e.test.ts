import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, runtimeEnvFor, type TestDb } from './support/db.ts';
import { bodyOf, importMains, lateInvoker, runtimeFor, steppingClock, WORKER_IDS, tearDownInProcessSystem } from './support/sim-system.ts';
import type { Runtime } from '../lib/compose/runtime.ts';
import { getWorld } from '../lib/compose/world.ts';
import { addDays } from '../lib/domain/calendar/new-york-time.ts';
import { calendarDay } from '../lib/domain/calendar/nyse-calendar.ts';
import type { TickReport } from '../lib/app/coordinator/run-tick.ts';

/**
 * Flatten before the close, with a position to flatten: the strategy's own trades end within minutes on
 * the simulated days tried (take-profit, stop, trailed stop), so the last half hour of a session is driven
 * through the real coordinator tick with a position someone bought at the broker directly. Reconcile
 * adopts it (and says so in the audit log); FLATTEN_BEFORE_CLOSE_MINUTES before the close the tick
 * flattens it with a named exit reason, and the day ends flat.
 */
const DAY = '2026-11-16';
const SESSION = calendarDay(DAY)!;
const MINUTE = 60_000;

describe('flatten before the close through the coordinator (real Postgres and Redis)', () => {
  let db: TestDb;
  let runtime: Runtime;
  const ticks: { at: number; report: TickReport }[] = [];
  let bought = '';

  beforeAll(async () => {
    db = await createTestDb();
    const clock = steppingClock(SESSION.close - 40 * MINUTE);
    const late = lateInvoker();
    runtime = runtimeFor({ ...process.env, TRADING_MODE: 'sim', ...runtimeEnvFor(db), SIM_SEED: '4', SIM_SYMBOLS: '20', SIM_NEWS_RATE: '4' }, { clock, simMarketStart: addDays(DAY, -60), invoker: late });
    const mains = await importMains([...WORKER_IDS, 'coordinator/tick'], runtime);
    late.bind(mains);
    const broker = getWorld(runtime).broker;
    bought = getWorld(runtime).market!.assets()[0]!.symbol;
    await broker.submitOrder({ clientOrderId: 'someone-else-1', symbol: bought, side: 'buy', type: 'market', timeInForce: 'day', qty: 10 });
    for (let at = SESSION.close - 39 * MINUTE; at <= SESSION.close + MINUTE; at += MINUTE) {
      clock.set(at);
      ticks.push({ at, report: bodyOf<TickReport>(await mains.get('coordinator/tick')!({})) });
    }
  }, 120_000);

  afterAll(() => tearDownInProcessSystem(runtime, db));

  it('adopts_the_position_it_did_not_open_and_records_why', async () => {
    const audit = await db.pool.query<{ action: string; subject: string; reason: string }>(`SELECT action, subject, reason FROM audit_log WHERE action LIKE '%.adopted'`);
    expect(audit.rows).toEqual([{ action: 'order.adopted', subject: bought, reason: expect.stringContaining('did not place') }]);
    const trips = await db.pool.query<{ adopted: boolean; entry_intent_id: string | null }>(`SELECT adopted, entry_intent_id FROM trades WHERE symbol = $1`, [bought]);
    expect(trips.rows).toEqual([{ adopted: true, entry_intent_id: null }]);
  });

  it('flattens_the_open_position_before_the_close_with_its_reason', async () => {
    const flattens = ticks.filter((t) => t.report.stages.some((s) => s.name === 'flatten' && (s.counts.sent ?? 0) > 0));
    expect(flattens.map((t) => t.at)).toEqual([SESSION.close - runtime.env.FLATTEN_BEFORE_CLOSE_MINUTES * MINUTE]);
    const intents = await db.pool.query<{ kind: string; exit_reason: string; reason: string; status: string }>(`SELECT kind, exit_reason, reason, status FROM intents WHERE symbol = $1`, [bought]);
    expect(intents.rows).toHaveLength(1);
    expect(intents.rows[0]).toMatchObject({ kind: 'flatten', exit_reason: 'flatten_before_close', status: 'accepted' });
    expect(intents.rows[0]!.reason).toContain(bought);
    const trips = await db.pool.query<{ exit_reason: string; exit_at: Date | null }>(`SELECT exit_reason, exit_at FROM trades WHERE symbol = $1`, [bought]);
    expect(trips.rows).toHaveLength(1);
    expect(trips.rows[0]!.exit_reason).toBe('flatten_before_close');
    expect(trips.rows[0]!.exit_at!.getTime()).toBeLessThan(SESSION.close);
  });

  it('ends_the_session_flat_at_the_broker_and_in_our_records', async () => {
    expect(await getWorld(runtime).broker.getPositions()).toEqual([]);
    expect((await db.pool.query(`SELECT symbol FROM positions`)).rows).toEqual([]);
    expect(ticks.every((t) => t.report.status === 'ok')).toBe(true);
    expect(ticks.filter((t) => t.report.stages.some((s) => s.name === 'daily_report')).map((t) => t.at)).toEqual([SESSION.close]);
  });
});
