import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { createTestDb, type TestDb } from './support/db.ts';
import { loadProjectSpec } from '../scheduler/project-spec.ts';
import { loadFunctions } from '../scheduler/function-registry.ts';
import { startRuntimeServer, type RuntimeServer } from '../scheduler/web-server.ts';
import { resetRuntime } from '../lib/compose/runtime.ts';
import { PgServiceRunsStore } from '../lib/adapters/postgres/service-runs.repo.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('health through the local runtime (real Postgres and Redis)', () => {
  let db: TestDb;
  let server: RuntimeServer;
  const saved = { ...process.env };

  beforeAll(async () => {
    db = await createTestDb();
    const url = new URL(db.url);
    if (inject('databaseKind') === 'postgres') url.searchParams.set('options', `-c search_path=${db.schema}`);
    Object.assign(process.env, {
      TRADING_MODE: 'sim',
      DATABASE_URL: url.toString(),
      DATABASE_POOL_MAX: '1',
      UPSTASH_REDIS_REST_URL: inject('redisRestUrl'),
      UPSTASH_REDIS_REST_TOKEN: inject('redisRestToken'),
      LOG_LEVEL: 'warn',
      // The broker probe reads the simulated clock `npm start` would share.
      SIM_CLOCK: `${Date.parse('2026-11-23T15:00:00Z')},${Date.now()},1`,
      SIM_MARKET_START: '2026-10-01',
    });
    await resetRuntime();
    const spec = loadProjectSpec(path.join(ROOT, 'project.yml'), process.env);
    const functions = await loadFunctions(ROOT, spec.functions.filter((f) => f.id === 'reporting/health'));
    server = await startRuntimeServer({ namespace: 'catalyst', functions, apiKey: 'a:b' });
  });

  afterAll(async () => {
    await server.close();
    await resetRuntime();
    process.env = saved;
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
    process.env.UPSTASH_REDIS_REST_URL = 'http://127.0.0.1:9';
    process.env.UPSTASH_REDIS_REST_TOKEN = 'super-secret-token-value';
    await resetRuntime();
    // A cold start: fresh modules, so the function builds its clients again from the new environment.
    vi.resetModules();
    const { loadFunctions: load } = await import('../scheduler/function-registry.ts');
    const spec = loadProjectSpec(path.join(ROOT, 'project.yml'), process.env);
    const functions = await load(ROOT, spec.functions.filter((f) => f.id === 'reporting/health'));
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
    }
  });
});
