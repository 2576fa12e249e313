import { randomBytes } from 'node:crypto';
import { createPool } from '../lib/adapters/postgres/pool.ts';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../lib/adapters/postgres/migrate.ts';

/** The benchmark database: BENCH_DATABASE_URL, or the local PostgreSQL's `test` database. */
export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh schema with every migration applied; `url` selects it (search_path), `drop()` removes it. */
export async function scratchSchema(url: string = BENCH_DATABASE_URL): Promise<{ url: string; schema: string; drop: () => Promise<void> }> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = createPool({ url, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = createPool({ url, max: 1, connectionOptions: `-c search_path=${schema}` });
  try {
    await migrate(pool, await readMigrations(MIGRATIONS_DIR));
  } finally {
    await pool.end();
  }
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    schema,
    drop: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}
