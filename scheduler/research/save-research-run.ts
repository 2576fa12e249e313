import { createPool } from '../../lib/adapters/postgres/pool.ts';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../../lib/adapters/postgres/migrate.ts';
import { PgResearchArchive } from '../../lib/adapters/postgres/research-archive.repo.ts';
import type { ResearchArchive } from '../../lib/ports/research-runs.port.ts';

/** Why `--save` cannot run, or null: it needs a PostgreSQL DATABASE_URL to store the run in. */
export function saveProblem(databaseUrl: string | undefined): string | null {
  return databaseUrl ? null : '--save stores the run in the research runs of DATABASE_URL (PostgreSQL; the dashboard\'s Research page reads them): set DATABASE_URL, or leave out --save';
}

/**
 * `--save`: stores a finished run as a research run in `databaseUrl` (migrating it first, as `npm run optimize`
 * does), returning the run's id. The document is parsed through its schema before anything is written.
 */
export async function saveResearchRun(databaseUrl: string, save: (archive: ResearchArchive) => Promise<number>, caCert?: string): Promise<number> {
  const pool = createPool({ url: databaseUrl, max: 1, applicationName: 'catalyst-research-save', ...(caCert ? { caCert } : {}) });
  try {
    await migrate(pool, await readMigrations(MIGRATIONS_DIR));
    return await save(new PgResearchArchive(pool));
  } finally {
    await pool.end();
  }
}
