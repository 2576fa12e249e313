import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { inTransaction } from './pool.ts';

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads `NNNN_name.sql` files in version order. */
export async function readMigrations(dir: string): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const out: Migration[] = [];
  for (const f of files) {
    const m = FILE.exec(f);
    if (!m) throw new Error(`Migration file ${f} must be named NNNN_snake_case.sql`);
    const sql = await readFile(path.join(dir, f), 'utf8');
    out.push({ version: m[1]!, name: m[2]!, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  const dupes = out.map((m) => m.version).filter((v, i, a) => a.indexOf(v) !== i);
  if (dupes.length) throw new Error(`Duplicate migration versions: ${dupes.join(', ')}`);
  return out;
}

/**
 * Applies pending migrations, each in its own transaction under a transaction-scoped advisory lock (safe
 * behind PgBouncer in transaction mode, and when several processes migrate at once). Forward-only: an
 * applied migration whose file changed is an error.
 */
export async function migrate(
  pool: pg.Pool,
  migrations: readonly Migration[],
  onProgress: (line: string) => void = () => undefined,
): Promise<MigrationReport> {
  const lock = `SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':catalyst-migrations'))`;
  await inTransaction(pool, async (c) => {
    await c.query(lock);
    await c.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const applied: string[] = [];
  let alreadyApplied = 0;
  for (const m of migrations) {
    const didApply = await inTransaction(pool, async (c) => {
      await c.query(lock);
      const { rows } = await c.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE version = $1', [m.version]);
      if (rows[0]) {
        if (rows[0].checksum !== m.checksum) {
          throw new Error(`Migration ${m.version}_${m.name} was changed after it was applied; add a new migration instead`);
        }
        return false;
      }
      await c.query(m.sql);
      await c.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
      return true;
    });
    if (didApply) {
      applied.push(`${m.version}_${m.name}`);
      onProgress(`applied ${m.version}_${m.name}`);
    } else alreadyApplied++;
  }
  return { applied, alreadyApplied };
}

/** The project's migrations folder (read by the scripts, the local runtime and tests; no function bundle carries migrations). */
export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'db', 'migrations');
