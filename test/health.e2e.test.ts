import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestDb, type TestDb } from './support/db.ts';
import { loadProjectSpec } from '../scheduler/project-spec.ts';
import { loadFunctions } from '../scheduler/function-registry.ts';
import { startRuntimeServer, type RuntimeServer } from '../scheduler/web-server.ts';
import type { Runtime } from '../lib/compose/runtime.ts';
import { runtimeFor } from './support/sim-system.ts';
import { createScaledClock } from '../lib/adapters/clock/scaled-clock.ts';
import { PgServiceRunsStore } from '../lib/adapters/postgres/service-runs.repo.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('health through the local runtime (real Postgres and Redis)', () => {
  let db: TestDb;
  let server: RuntimeServer;
  let runtime: Runtime;
  let raw: Record<string, string | undefined>;
  // The broker probe reads the simulated clock `npm start` would share.
  const simOverrides = () => ({ clock: createScaledClock(Date.parse('2026-11-23T15:00:00Z'), 1), simMarketStart: '2026-10-01' });

  beforeAll(async () => {
    db = await createTestDb();
    const url = new URL(db.url);
    if (inject('databaseKind') === 'postgres') url.searchParams.set('options', `-c search_path=${db.schema}`);
    raw = {
      ...process.env,
      TRADING_MODE: 'sim',
      DATABASE_URL: url.toString(),
      DATABASE_POOL_MAX: '1',
      UPSTASH_REDIS_REST_URL: inject('redisRestUrl'),
      UPSTASH_REDIS_REST_TOKEN: inject('redisRestToken'),
      LOG_LEVEL: 'warn',
    };
    runtime = runtimeFor(raw, simOverrides());
    const spec = loadProjectSpec(path.join(ROOT, 'project.yml'), raw);
    const functions = await loadFunctions(ROOT, spec.functions.filter((f) => f.id === 'reporting/health'), runtime);
    server = await startRuntimeServer({ namespace: 'catalyst', functions, apiKey: 'a:b' });
  });

  afterAll(async () => {
    await server.close();
    await runtime.close();
    await db.drop();
  });

  it('reports_every_dependency_up_and_each_services_last_run', async () => {
    const now = Date.now();
    await new PgServiceRunsStore(db.pool).record('coordinator/tick', { ok: true, durationMs: 120 }, now - 30_000);
    await new PgServiceRunsStore(db.pool).record('news/collect', { ok: false, durationMs: 5, errorCode: 'DEPENDENCY_TIMEOUT' }, now - 10_000);
    const res = await fetch(server.webUrl('reporting/health'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      status: string;
      mode: string;
      dependencies: Record<string, { ok: boolean }>;
      services: Record<string, { ageSeconds: number | null; stale: boolean; lastErrorCode: string | null }>;
    };
    expect(body.mode).toBe('sim');
    expect(body.dependencies.database!.ok).toBe(true);
    expect(body.dependencies.redis!.ok).toBe(true);
    expect(body.services.coordinator!.ageSeconds).toBeGreaterThanOrEqual(29);
    expect(body.services.coordinator!.ageSeconds).toBeLessThan(60);
    expect(body.services.news).toMatchObject({ ageSeconds: null, lastErrorCode: 'DEPENDENCY_TIMEOUT' });
    expect(body.status).toBe('ok');
  });

  it('answers_503_naming_the_dependency_that_is_down_without_secrets', async () => {
    // A cold start with Redis unreachable: a runtime of its own, beside the healthy one.
    const downRaw = { ...raw, UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:9', UPSTASH_REDIS_REST_TOKEN: 'super-secret-token-value' };
    const downRuntime = runtimeFor(downRaw, simOverrides());
    const spec = loadProjectSpec(path.join(ROOT, 'project.yml'), downRaw);
    const functions = await loadFunctions(ROOT, spec.functions.filter((f) => f.id === 'reporting/health'), downRuntime);
    const down = await startRuntimeServer({ namespace: 'catalyst', functions, apiKey: 'a:b' });
    try {
      const res = await fetch(down.webUrl('reporting/health'));
      const text = await res.text();
      expect(res.status).toBe(503);
      const body = JSON.parse(text) as { status: string; dependencies: Record<string, { ok: boolean; error?: string }> };
      expect(body.status).toBe('down');
      expect(body.dependencies.redis).toMatchObject({ ok: false });
      expect(body.dependencies.database!.ok).toBe(true);
      expect(text).not.toContain('super-secret-token-value');
      expect(text).not.toContain(db.url);
    } finally {
      await down.close();
      await downRuntime.close();
    }
  });
});
