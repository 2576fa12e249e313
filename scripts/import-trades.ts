import path from 'node:path';
import { stat } from 'node:fs/promises';
import { parseCliWithPositionals } from './cli-support.ts';
import { loadDotenv } from '../scheduler/dotenv.ts';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../lib/adapters/postgres/migrate.ts';
import { listFiles } from '../lib/adapters/replay/import-files.ts';
import { importTradeFile, type TradeFileReport } from '../lib/adapters/trade-import/import-trade-file.ts';
import { checkOpenPositions } from '../lib/adapters/trade-import/reconcile-positions.ts';
import type { ImportedPosition } from '../lib/adapters/trade-import/trade-import-types.ts';
import { tradeImportWiring } from '../lib/compose/trade-import.ts';
import { isAppError } from '../lib/shared/errors.ts';

const USAGE = `usage: npm run import:trades -- <file-or-folder> [--dry-run]

Migrates trade history into Catalyst's records (fills and round trips, marked imported):
  - Alpaca account activities (FILL), JSON as /v2/account/activities returns it, or CSV with the API's
    field names (id, transaction_time, symbol, side, qty, price, order_id; more columns allowed);
  - a generic CSV: time,symbol,side,qty,price,fee[,order_id] (times with their zone, oldest first);
  - a state file: JSON with "format": "catalyst-trades/v1", open_positions and closed_trades.
A folder is scanned for every file it recognises. --dry-run prints what would be written and every
rejected row, and writes nothing. Each file is written in one transaction, or not at all when a row is
rejected; importing twice changes nothing. Open positions are compared with the broker's (read only).
Environment: DATABASE_URL; APCA_API_KEY_ID and APCA_API_SECRET_KEY to check symbols and positions.`;

const { values, positionals } = parseCliWithPositionals(process.argv.slice(2), { 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } }, USAGE);
if (values.help || positionals.length !== 1) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}
const dryRun = values['dry-run'];
loadDotenv(path.resolve(import.meta.dirname, '..', '.env'));
const target = path.resolve(positionals[0]!);
try {
  await stat(target);
} catch {
  console.error(`${positionals[0]}: no such file or folder`);
  process.exit(2);
}
const wiring = tradeImportWiring(process.env);
if (!wiring.pool && !dryRun) {
  console.error('DATABASE_URL is not set: trades are imported into that database (or use --dry-run).');
  process.exit(1);
}
let failed = false;
try {
  if (wiring.pool && !dryRun) await migrate(wiring.pool, await readMigrations(MIGRATIONS_DIR));
  const known = wiring.broker ? new Set((await wiring.broker.getAssets()).map((a) => a.symbol)) : null;
  if (!known) console.log('No Alpaca keys: symbols are checked for form only, and open positions are not compared with the broker.');
  const files = await listFiles(target);
  const base = files.length === 1 && files[0] === target ? path.dirname(target) : target;
  const open: ImportedPosition[] = [];
  console.log(`${dryRun ? 'Dry run (nothing is written): ' : ''}${files.length} file(s) in ${target}`);
  for (const file of files) {
    const label = path.relative(base, file) || path.basename(file);
    let report: TradeFileReport;
    const client = dryRun ? null : await wiring.pool!.connect();
    try {
      report = await importTradeFile(client, file, label, known);
    } catch (e) {
      failed = true;
      console.log(`${label}: FAILED ${isAppError(e) ? e.message : e instanceof Error ? e.message : String(e)}`);
      continue;
    } finally {
      client?.release();
    }
    if (report.format === null) {
      console.log(`${label}: ignored (${report.ignored})`);
      continue;
    }
    open.push(...report.open);
    const what = `${report.fills} fill(s), ${report.trips} closed trade(s), ${report.open.length} open position(s)`;
    if (report.rejected.length) {
      failed = true;
      console.log(`${label}: ${report.rejected.length} row(s) rejected; ${dryRun ? 'would not be written' : 'nothing written'} (${what} read)`);
      for (const r of report.rejected) console.log(`  ${label}${r.line === null ? '' : `:${r.line}`}: ${r.reason}`);
    } else if (dryRun) {
      console.log(`${label}: would write ${what}`);
      for (const p of report.preview) console.log(`  ${p}`);
    } else {
      console.log(`${label}: ${what}; new in the database: ${report.written!.fills} fill(s), ${report.written!.trips} trade(s)`);
    }
  }
  if (wiring.broker && (open.length || !dryRun)) {
    const checks = checkOpenPositions(open, await wiring.broker.getPositions());
    console.log(checks.length ? 'Open positions against the broker (the broker is the truth; nothing is changed):' : 'Open positions: none imported, none at the broker.');
    const fmt = (x: { side: string; qty: number } | null) => (x ? `${x.side} ${x.qty}` : 'none');
    for (const c of checks) console.log(`  ${c.symbol}: imported ${fmt(c.imported)}, broker ${fmt(c.broker)}: ${c.verdict}`);
  } else if (open.length) {
    for (const p of open) console.log(`  open: ${p.symbol} ${p.side} ${p.qty} @ ${p.avgEntryPrice}`);
  }
} catch (e) {
  failed = true;
  console.error(`Import failed: ${isAppError(e) ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
} finally {
  await wiring.close();
}
process.exitCode = failed ? 1 : 0;
