import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadDotenv } from '../scheduler/dotenv.ts';
import { fail, requireDates } from './cli-support.ts';
import { openStudyHistory } from './study-history.ts';
import { startLocalStack, type LocalStack } from '../scheduler/local-stack.ts';
import { runLookaheadCheck, type LookaheadRun } from '../scheduler/lookahead.ts';
import { loadReplayFeed } from '../lib/adapters/replay/load-replay-feed.ts';
import { createPool } from '../lib/adapters/postgres/pool.ts';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../lib/adapters/postgres/migrate.ts';
import { addDays, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { calendarBetween } from '../lib/domain/calendar/nyse-calendar.ts';
import { loadConfig } from '../lib/config/load-config.ts';

/**
 * `npm run study -- lookahead --from D --to D [--symbols A,B] [--synthetic]`: backtests the window twice, over
 * the full history and over the history cut at each decision time, and lists every decision that differs
 * (exit 1 when any does). Each run keeps its state in a scratch schema of DATABASE_URL, dropped at the end.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const USAGE = 'usage: npm run study -- lookahead --from YYYY-MM-DD --to YYYY-MM-DD [--symbols A,B] [--synthetic]';

const OPTIONS = { from: { type: 'string' }, to: { type: 'string' }, symbols: { type: 'string' }, synthetic: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } as const;
let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>;
try {
  parsed = parseArgs({ args: process.argv.slice(3), options: OPTIONS });
} catch (e) {
  fail(`${(e as Error).message}\n${USAGE}`);
}
const { values } = parsed;
if (values.help) fail(USAGE, 0);
const from = values.from ?? fail(`--from is required (the first session to replay, YYYY-MM-DD)\n${USAGE}`);
const to = values.to ?? from;
requireDates([['--from', from], ['--to', to]]);
if (to < from) fail(`--to (${to}) is before --from (${from})`);
if (calendarBetween(from, to).length === 0) fail(`No trading session between ${from} and ${to} (weekends and exchange holidays have none)`);
const symbols = values.symbols?.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);

loadDotenv(path.join(ROOT, '.env'));
const databaseUrl = process.env.DATABASE_URL || undefined;
// Two runs side by side need two databases' worth of state: scratch schemas of a real Postgres (embedded Postgres is one session).
if (!databaseUrl) fail('The look-ahead check keeps each run in a scratch schema of DATABASE_URL: set DATABASE_URL (a PostgreSQL you may create schemas in).', 1);
process.env.LOG_LEVEL = 'error';
const env = loadConfig({ ...process.env, TRADING_MODE: 'backtest' }) as Extract<ReturnType<typeof loadConfig>, { TRADING_MODE: 'backtest' }>;
const say = (line: string) => console.log(line);
const runId = randomBytes(3).toString('hex');
const schemas: Record<LookaheadRun, string> = { full: `lookahead_${runId}_full`, truncated: `lookahead_${runId}_cut` };
const admin = createPool({ url: databaseUrl, max: 1, applicationName: 'catalyst-study' });
let stack: LocalStack | undefined;
const history = await openStudyHistory({ databaseUrl, synthetic: values.synthetic ? { seed: env.SIM_SEED, symbols: env.SIM_SYMBOLS, newsRate: env.SIM_NEWS_RATE } : null, from, to, say });
try {
  const scoped: Record<string, string> = {};
  for (const [run, schema] of Object.entries(schemas)) {
    await admin.query(`CREATE SCHEMA ${schema}`);
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const pool = createPool({ url: url.toString(), max: 1, applicationName: 'catalyst-study' });
    await migrate(pool, await readMigrations(MIGRATIONS_DIR)).finally(() => pool.end());
    scoped[run] = url.toString();
  }
  stack = await startLocalStack({ env: { ...process.env, DATABASE_URL: scoped.full }, root: ROOT, allowMemoryRedis: true, log: () => undefined });
  const feed = await loadReplayFeed(history.repo, { from: newYorkTime(addDays(from, -70), '00:00'), to: newYorkTime(addDays(to, 1), '00:00'), ...(symbols ? { symbols } : {}), ...(history.assets ? { assets: history.assets } : {}), ...(history.spreadBps ? { spreadBps: history.spreadBps } : {}) });
  if (!feed.span()) throw new Error(`No stored history between ${addDays(from, -70)} and ${to}${symbols ? ` for ${symbols.join(', ')}` : ''}`);
  say(`Look-ahead check ${from}..${to}: ${feed.assets().length} symbols, two backtests (full history, then history cut at each decision time)`);
  const envFor = (run: LookaheadRun) => ({ ...process.env, ...stack!.env, TRADING_MODE: 'backtest', DATABASE_URL: scoped[run]!, DATABASE_POOL_MAX: '2', REDIS_KEY_PREFIX: `lookahead:${runId}:${run}:`, LOG_LEVEL: 'error' });
  const result = await runLookaheadCheck({ feed, from, to, root: ROOT, envFor, onRun: (run, r) => say(`  ${run}: ${r.orders.length} orders, ${r.ticks} ticks${r.failedTicks ? ` (${r.failedTicks} FAILED)` : ''} in ${(r.wallMs / 1000).toFixed(1)} s, digest ${r.digest.slice(0, 12)}`) });
  const c = result.cuts;
  say(`The system asked past now ${c.asksPastNow} times (${c.barsWithheld} bars and ${c.newsWithheld} news versions withheld, ${c.quotesMovedBack} quotes moved back to now).`);
  if (result.differences.length === 0) {
    say(`No decision differs: ${result.full.orders.length} orders, the same in both runs.${result.full.orders.length === 0 ? ' (No order was placed: nothing was compared; widen the window or the universe.)' : ''}`);
  } else {
    say(`${result.differences.length} decision(s) differ (the first 20):`);
    for (const d of result.differences.slice(0, 20)) {
      const fields = Object.entries(d.fields).map(([k, [a, b]]) => `${k} ${JSON.stringify(a)} -> ${JSON.stringify(b)}`).join(', ');
      say(`  ${new Date(d.at).toISOString()} ${d.symbol} ${d.clientOrderId}: ${d.kind}${fields ? ` (${fields})` : ''}`);
    }
  }
  process.exitCode = result.differences.length || result.full.failedTicks || result.truncated.failedTicks ? 1 : 0;
} catch (e) {
  console.error(`Look-ahead check failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await stack?.stop();
  for (const schema of Object.values(schemas)) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
  await admin.end();
  await history.close();
}
