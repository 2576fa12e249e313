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
