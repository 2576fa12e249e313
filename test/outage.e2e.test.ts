import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, runtimeEnvFor, type TestDb } from './support/db.ts';
import { importMains, tearDownInProcessSystem } from './support/sim-system.ts';
import { describeTick } from '../scheduler/console-summary.ts';
import { resetRuntime } from '../lib/compose/runtime.ts';
import { leaksIn } from './support/web-system.ts';

/**
 * A tick that cannot run because a dependency is down or refuses us says which and why (console line and
 * the run's record), never "INTERNAL: Internal error".
 */
describe('a tick during an outage names the dependency and the cause (real Postgres and Redis)', () => {
  let db: TestDb;
  const saved = { ...process.env };
  const at = Date.parse('2026-11-23T15:00:00Z');

  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => tearDownInProcessSystem(saved, db));

  async function tickWith(overrides: Record<string, string>) {
    process.env = { ...saved, TRADING_MODE: 'sim', ...runtimeEnvFor(db), SIM_CLOCK: `${at},${Date.now()},1`, SIM_MARKET_START: '2026-10-01', CATALYST_LOCAL_API_URL: 'http://127.0.0.1:9', CATALYST_LOCAL_API_KEY: 'a:b', ...overrides };
    await resetRuntime();
    vi.resetModules();
    const mains = await importMains(['coordinator/tick']);
    // A failed tick is a failed activation (lib/platform/activation-error.ts): `{ error: { code, message, statusCode } }`.
    const res = (await mains.get('coordinator/tick')!({})) as unknown as { error: { code: string; message: string; statusCode: number } };
    return { res, line: describeTick({ at, durationMs: 5, ok: false, result: res }) };
  }

  it('redis_unreachable', async () => {
    const { res, line } = await tickWith({ UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:9' });
    expect(res.error.statusCode).toBe(503);
    expect(line).toMatch(/tick FAILED DEPENDENCY_UNAVAILABLE: Redis \(UPSTASH_REDIS_REST_URL\) is unreachable/);
    const { rows } = await db.pool.query(`SELECT last_error_code FROM service_runs WHERE function_name = 'coordinator/tick'`);
    expect(rows[0]?.last_error_code).toBe('DEPENDENCY_UNAVAILABLE:redis');
  });

  it('redis_refuses_the_token', async () => {
    const { res, line } = await tickWith({ UPSTASH_REDIS_REST_TOKEN: 'not-the-token-0123456789' });
    expect(res.error.statusCode).toBe(502);
    expect(line).toMatch(/tick FAILED DEPENDENCY_REFUSED: Redis refused the token \(check UPSTASH_REDIS_REST_TOKEN\)/);
    expect(leaksIn(JSON.stringify(res), ['not-the-token-0123456789'])).toEqual([]);
  });

  it('postgres_unreachable', async () => {
    const { res, line } = await tickWith({ DATABASE_URL: 'postgres://catalyst:pw-not-shown@127.0.0.1:9/catalyst' });
    expect(res.error.statusCode).toBe(503);
    expect(line).toMatch(/tick FAILED DEPENDENCY_UNAVAILABLE: Postgres \(DATABASE_URL\) is unreachable: connect ECONNREFUSED/);
    expect(JSON.stringify(res)).not.toContain('pw-not-shown');
  });
});
