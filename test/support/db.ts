import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPool } from '../../lib/adapters/postgres/pool.ts';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../../lib/adapters/postgres/migrate.ts';

export interface TestDb {
  pool: pg.Pool;
  schema: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh schema on the test database with every migration applied, so test files can run in parallel
 * against one real PostgreSQL. Call `drop()` in afterAll.
 */
export async function createTestDb(options: { migrate?: boolean } = {}): Promise<TestDb> {
  const url = inject('databaseUrl');
  const embedded = inject('databaseKind') === 'embedded';
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = createPool({ url, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const pool = createPool({ url, max: embedded ? 1 : 4, connectionOptions: embedded ? undefined : `-c search_path=${schema}` });
  if (embedded) pool.on('connect', (c) => void c.query(`SET search_path TO ${schema}`));
  if (options.migrate !== false) await migrate(pool, await readMigrations(MIGRATIONS_DIR));
  return {
    pool,
    schema,
    url,
    drop: async () => {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
      await pool.end();
    },
  };
}

/**
 * The environment that points the runtime (getPool, getRedis) at `db` and the test Redis endpoint under a
 * fresh key prefix, as e2e tests that run the functions in process need it.
 */
export function runtimeEnvFor(db: TestDb): Record<string, string> {
  const postgres = inject('databaseKind') === 'postgres';
  const url = new URL(db.url);
  if (postgres) url.searchParams.set('options', `-c search_path=${db.schema}`);
  return {
    DATABASE_URL: url.toString(),
    // Embedded Postgres is one session: exactly one connection.
    DATABASE_POOL_MAX: postgres ? '3' : '1',
    UPSTASH_REDIS_REST_URL: inject('redisRestUrl'),
    UPSTASH_REDIS_REST_TOKEN: inject('redisRestToken'),
    REDIS_KEY_PREFIX: `test:${randomBytes(5).toString('hex')}:`,
    LOG_LEVEL: 'error',
  };
}
