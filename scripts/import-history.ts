import path from 'node:path';
import { parseCliWithPositionals } from './cli-support.ts';
import { loadDotenv } from '../scheduler/dotenv.ts';
import { createPool } from '../lib/adapters/postgres/pool.ts';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../lib/adapters/postgres/migrate.ts';
import type { Timeframe } from '../lib/domain/market.ts';
import { PgHistoryRepo } from '../lib/adapters/replay/history.repo.ts';
import { importHistoryFile, listFiles, type FileImportReport } from '../lib/adapters/replay/import-files.ts';

/**
 * `npm run import:history -- <file-or-folder> [--strict] [--timeframe 1Min] [--symbol XYZ]`: imports bar
 * CSVs, tweet CSVs and saved Alpaca bars/news JSON into DATABASE_URL (migrating first; safe to repeat).
 * Lenient by default: bad rows are skipped and counted by reason; --strict stops at the first one.
 */
const USAGE = 'usage: npm run import:history -- <file-or-folder> [--strict] [--timeframe 1Min] [--symbol XYZ]';
const { values, positionals } = parseCliWithPositionals(
  process.argv.slice(2),
  { strict: { type: 'boolean', default: false }, timeframe: { type: 'string' }, symbol: { type: 'string' }, help: { type: 'boolean', default: false } },
  USAGE,
);
if (values.help || positionals.length !== 1) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}
if (values.timeframe && !/^(\d+Min|\d+Hour|1Day)$/.test(values.timeframe)) {
  console.error(`--timeframe must be like 1Min, 5Min, 1Hour or 1Day (got ${values.timeframe})`);
  process.exit(2);
}
loadDotenv(path.resolve(import.meta.dirname, '..', '.env'));
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set: the history is imported into that database.');
  process.exit(1);
}

const target = path.resolve(positionals[0]!);
const pool = createPool({ url, caCert: process.env.DATABASE_CA_CERT || undefined, max: 1, applicationName: 'catalyst-import-history' });
const totals = { files: 0, ignored: 0, failed: 0, rows: 0, inserted: 0, updated: 0, unchanged: 0, skipped: 0 };
const reasons = new Map<string, number>();
try {
  await migrate(pool, await readMigrations(MIGRATIONS_DIR));
  const repo = new PgHistoryRepo(pool);
  const files = await listFiles(target);
  const base = files.length === 1 && files[0] === target ? path.dirname(target) : target;
  console.log(`Importing ${files.length} file(s) from ${target}${values.strict ? ' (strict)' : ''}`);
  for (const [i, file] of files.entries()) {
    const label = path.relative(base, file) || path.basename(file);
    const prefix = `[${i + 1}/${files.length}] ${label}:`;
    let report: FileImportReport;
    try {
      report = await importHistoryFile(repo, file, label, { lenient: !values.strict, ...(values.timeframe ? { timeframe: values.timeframe as Timeframe } : {}), ...(values.symbol ? { symbol: values.symbol } : {}) });
    } catch (e) {
      totals.failed++;
      console.log(`${prefix} FAILED ${e instanceof Error ? e.message : String(e)}`);
      if (values.strict) break;
      continue;
    }
    if (report.kind === null) {
      totals.ignored++;
      console.log(`${prefix} ignored (${report.ignored})`);
      continue;
    }
    totals.files++;
    totals.rows += report.rows;
    totals.inserted += report.counts.inserted;
    totals.updated += report.counts.updated;
    totals.unchanged += report.counts.unchanged;
    totals.skipped += report.skippedTotal;
    for (const [reason, n] of Object.entries(report.skippedByReason)) reasons.set(reason, (reasons.get(reason) ?? 0) + n);
    const what = report.series.length > 3 ? `${report.series.slice(0, 3).join(', ')} and ${report.series.length - 3} more` : report.series.join(', ');
    const { inserted, updated, unchanged } = report.counts;
    console.log(`${prefix} ${report.kind} ${what}: ${report.rows} rows (${inserted} new, ${updated} changed, ${unchanged} unchanged), ${report.skippedTotal} skipped`);
  }
  console.log(`\nDone: ${totals.files} file(s) imported, ${totals.ignored} ignored, ${totals.failed} failed.`);
  console.log(`Rows: ${totals.rows} (${totals.inserted} new, ${totals.updated} changed, ${totals.unchanged} unchanged); skipped: ${totals.skipped}`);
  for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`  skipped ${n} x ${reason}`);
  if (totals.failed) process.exitCode = 1;
} catch (e) {
  console.error(`Import failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
