import path from 'node:path';
import { loadDotenv } from '../scheduler/dotenv.ts';
import { createPool } from '../lib/adapters/postgres/pool.ts';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../lib/adapters/postgres/migrate.ts';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (under an advisory lock; safe to repeat). */
loadDotenv(path.resolve(import.meta.dirname, '..', '.env'));
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set. (npm start migrates its embedded database by itself.)');
  process.exit(1);
}
const pool = createPool({ url, caCert: process.env.DATABASE_CA_CERT || undefined, max: 1, applicationName: 'catalyst-migrate' });
try {
  const migrations = await readMigrations(MIGRATIONS_DIR);
  console.log(`${migrations.length} migration(s) in db/migrations`);
  const report = await migrate(pool, migrations, (line) => console.log(`  ${line}`));
  console.log(`Done: ${report.applied.length} applied, ${report.alreadyApplied} already applied.`);
} catch (e) {
  console.error(`Migration failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
