import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, runtimeEnvFor, type TestDb } from './support/db.ts';
import { startLikeNpmStart } from './support/local-start.ts';
import type { LocalSystem } from '../scheduler/local-system.ts';
import { scanRan } from '../scheduler/console-summary.ts';
import { defaultSimStart } from '../scheduler/sim-clock.ts';

/**
 * In sim every time a person reads is simulated time: npm start's composition over a fresh database, its
 * simulated clock a year and more behind the wall clock, run to its first scan. No row may then carry the wall
 * clock but the bookkeeping of the machinery itself: when a migration ran, when the clock or the simulated
 * broker's state was last saved, and the functions' last runs, which health ages in real time on purpose
 * (lib/compose/health.ts). The dashboard's trading-state "Since" (trading_state.changed_at) was one.
 */
const MACHINERY = new Set([
  'schema_migrations.applied_at',
  'sim_clock.updated_at',
  'sim_broker_accounts.updated_at',
  'service_runs.last_success_at',
  'service_runs.last_failure_at',
]);
const HOUR = 3_600_000;

describe('timestamps written when npm start starts a simulation', () => {
  let db: TestDb | undefined;
  let system: LocalSystem | undefined;
  afterEach(async () => {
    await system?.stop();
    await db?.drop();
    system = undefined;
    db = undefined;
  });

  it('carry_the_simulated_clock_not_the_wall_clock_the_initial_trading_state_included', async () => {
    db = await createTestDb();
    const wallStart = Date.now();
    const simStart = defaultSimStart(wallStart - 400 * 24 * HOUR);
    let scanned: () => void = () => undefined;
    const firstScan = new Promise<void>((resolve) => (scanned = resolve));
    const run = await startLikeNpmStart({ TRADING_MODE: 'sim', ...runtimeEnvFor(db), LOCAL_PORT: '0', SIM_START: new Date(simStart).toISOString() }, (e) => {
      if (scanRan(e)) scanned();
    });
    system = run.system;
    await firstScan;
    await system.stop();
    system = undefined;
    const wallEnd = Date.now();

    const { rows: state } = await db.pool.query<{ changed_at: Date; reason: string }>(`SELECT changed_at, reason FROM trading_state WHERE id = 1`);
    // A tick that saved the state (its equity high-water mark) stores the reason as JSON with its cause; one that
    // did not leaves the migration's text. Either way the state is still the initial one, since the simulated start.
    const reason = state[0]!.reason.startsWith('{') ? (JSON.parse(state[0]!.reason) as { message: string }).message : state[0]!.reason;
    expect({ changed_at: state[0]!.changed_at, reason }).toEqual({ changed_at: new Date(simStart), reason: 'initial state' });
    const { rows: columns } = await db.pool.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1 AND data_type LIKE 'timestamp%' ORDER BY 1, 2`,
      [db.schema],
    );
    const onTheWallClock: string[] = [];
    let simulated = 0;
    for (const c of columns) {
      const name = `${c.table_name}.${c.column_name}`;
      const { rows } = await db.pool.query<{ wall: number; sim: number }>(
        `SELECT count(*) FILTER (WHERE "${c.column_name}" BETWEEN $1 AND $2)::int AS wall, count(*) FILTER (WHERE "${c.column_name}" < $1)::int AS sim FROM "${c.table_name}"`,
        [new Date(wallStart - HOUR), new Date(wallEnd + HOUR)],
      );
      simulated += rows[0]!.sim;
      if (rows[0]!.wall > 0 && !MACHINERY.has(name)) onTheWallClock.push(`${name}: ${rows[0]!.wall} row(s)`);
    }
    // The run wrote simulated times (cycles, news, candidates...), and none on the wall clock.
    expect(simulated).toBeGreaterThan(20);
    expect(onTheWallClock, run.lines.join('\n')).toEqual([]);
  }, 300_000);
});
