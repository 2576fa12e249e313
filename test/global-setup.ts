import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { canConnect } from './support/probe.ts';
import { startEmbeddedPostgres } from '../lib/adapters/postgres/embedded.ts';
import { chooseBackend } from '../lib/adapters/redis/local-endpoint/choose-backend.ts';
import { startUpstashEndpoint } from '../lib/adapters/redis/local-endpoint/server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: 'postgres' | 'embedded';
    redisRestUrl: string;
    redisRestToken: string;
    redisKind: 'redis-server' | 'memory';
    redisServerUrl: string;
  }
}

/**
 * Chooses the test backends once: the real PostgreSQL and redis-server on 127.0.0.1 when they answer
 * (CI requires them: CATALYST_REQUIRE_REAL_SERVICES=1), otherwise embedded Postgres and the in-memory
 * Redis backend, and says which were used.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const requireReal = process.env.CATALYST_REQUIRE_REAL_SERVICES === '1';
  const stops: (() => Promise<void>)[] = [];
  let databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  let databaseKind: 'postgres' | 'embedded' = 'postgres';
  const u = new URL(databaseUrl);
  if (!(await canConnect(u.hostname, Number(u.port || 5432)))) {
    if (requireReal) throw new Error(`PostgreSQL is required but not reachable at ${u.host}`);
    const dir = path.resolve('.data', `pglite-test-${randomBytes(4).toString('hex')}`);
    const pg = await startEmbeddedPostgres(dir);
    stops.push(async () => {
      await pg.stop();
      const { rm } = await import('node:fs/promises');
      await rm(dir, { recursive: true, force: true });
    });
    databaseUrl = pg.url;
    databaseKind = 'embedded';
  }
  const redisServerUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const backend = await chooseBackend(redisServerUrl, { allowMemory: !requireReal });
  const token = randomBytes(16).toString('hex');
  const endpoint = await startUpstashEndpoint({ backend, token });
  stops.push(endpoint.close);
  project.provide('databaseUrl', databaseUrl);
  project.provide('databaseKind', databaseKind);
  project.provide('redisRestUrl', endpoint.url);
  project.provide('redisRestToken', token);
  project.provide('redisKind', backend.kind);
  project.provide('redisServerUrl', redisServerUrl);
  process.stdout.write(
    `\nTest backends: ${databaseKind === 'postgres' ? `PostgreSQL at ${u.host} (real)` : 'embedded Postgres (PGlite): no PostgreSQL on 127.0.0.1:5432'}; ` +
      `Redis: ${backend.kind === 'redis-server' ? `redis-server at ${redisServerUrl} through the local Upstash endpoint` : 'IN-MEMORY backend: no redis-server reachable'}\n` +
      (databaseKind === 'embedded' ? 'Skipped without a real PostgreSQL: the suites that need several concurrent connections (the fault campaign, concurrent migrations).\n\n' : '\n'),
  );
  return async () => {
    for (const s of stops.reverse()) await s();
  };
}
