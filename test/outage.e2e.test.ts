import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, runtimeEnvFor, type TestDb } from './support/db.ts';
import { importMains, runtimeFor, tearDownInProcessSystem } from './support/sim-system.ts';
import type { Runtime } from '../lib/compose/runtime.ts';
import { createScaledClock } from '../lib/adapters/clock/scaled-clock.ts';
import { OpenWhiskInvoker } from '../lib/adapters/invoke/openwhisk-invoker.ts';
import { describeTick } from '../scheduler/console-summary.ts';
import { leaksIn } from './support/web-system.ts';

/**
 * A tick that cannot run because a dependency is down or refuses us says which and why (console line and
 * the run's record), never "INTERNAL: Internal error".
 */
describe('a tick during an outage names the dependency and the cause (real Postgres and Redis)', () => {
  let db: TestDb;
  let runtime: Runtime | undefined;
  const at = Date.parse('2026-11-23T15:00:00Z');

  beforeAll(async () => {
    db = await createTestDb();
  });
  afterEach(async () => {
    await runtime?.close();
    runtime = undefined;
  });
  afterAll(async () => tearDownInProcessSystem(runtime, db));

  async function tickWith(overrides: Record<string, string>) {
    // The workers' invoke API is down too (nothing listens): the tick must name the first dependency that fails.
    runtime = runtimeFor({ ...process.env, TRADING_MODE: 'sim', ...runtimeEnvFor(db), ...overrides }, { clock: createScaledClock(at, 1), simMarketStart: '2026-10-01', invoker: new OpenWhiskInvoker({ apiHost: 'http://127.0.0.1:9', namespace: 'catalyst', apiKey: 'a:b' }) });
    const mains = await importMains(['coordinator/tick'], runtime);
    // A scheduled run: a failure comes back as the platform's failed activation, `{error: {code, message, statusCode}}`.
    const result = (await mains.get('coordinator/tick')!({})) as unknown as { error: { statusCode: number } };
    return { res: { statusCode: result.error.statusCode, body: JSON.stringify(result) }, line: describeTick({ at, durationMs: 5, ok: false, result }) };
  }

  it('redis_unreachable', async () => {
    const { res, line } = await tickWith({ UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:9' });
    expect(res.statusCode).toBe(503);
    expect(line).toMatch(/tick FAILED DEPENDENCY_UNAVAILABLE: Redis \(UPSTASH_REDIS_REST_URL\) is unreachable/);
    const { rows } = await db.pool.query(`SELECT last_error_code FROM service_runs WHERE function_name = 'coordinator/tick'`);
    expect(rows[0]?.last_error_code).toBe('DEPENDENCY_UNAVAILABLE:redis');
  });

  it('redis_refuses_the_token', async () => {
    const { res, line } = await tickWith({ UPSTASH_REDIS_REST_TOKEN: 'not-the-token-0123456789' });
    expect(res.statusCode).toBe(502);
    expect(line).toMatch(/tick FAILED DEPENDENCY_REFUSED: Redis refused the token \(check UPSTASH_REDIS_REST_TOKEN\)/);
    expect(leaksIn(res.body, ['not-the-token-0123456789'])).toEqual([]);
  });

  it('postgres_unreachable', async () => {
    const { res, line } = await tickWith({ DATABASE_URL: 'postgres://catalyst:pw-not-shown@127.0.0.1:9/catalyst' });
    expect(res.statusCode).toBe(503);
    expect(line).toMatch(/tick FAILED DEPENDENCY_UNAVAILABLE: Postgres \(DATABASE_URL\) is unreachable: connect ECONNREFUSED/);
    expect(res.body).not.toContain('pw-not-shown');
  });
});
