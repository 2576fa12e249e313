import path from 'node:path';
import os from 'node:os';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadDotenv } from '../scheduler/dotenv.ts';
import { loadConfig, modeBanner } from '../lib/config/load-config.ts';
import { isAppError } from '../lib/shared/errors.ts';
import { startLocalStack, type LocalStack } from '../scheduler/local-stack.ts';
import { runBacktest, type BacktestDay } from '../scheduler/backtest.ts';
import { createPool } from '../lib/adapters/postgres/pool.ts';
import { PgHistoryRepo } from '../lib/adapters/replay/history.repo.ts';
import { loadReplayFeed } from '../lib/adapters/replay/load-replay-feed.ts';
import { loadHistoryAssets } from '../lib/adapters/replay/download/history-assets.repo.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { openStreamingFeed } from '../lib/adapters/replay/streaming-feed.ts';
import { syntheticSessionSource } from '../lib/adapters/replay/synthetic-session-source.ts';
import { addDays, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { calendarBetween } from '../lib/domain/calendar/nyse-calendar.ts';
import type { Asset } from '../lib/domain/market.ts';
import type { Env } from '../lib/config/env.schema.ts';
import type { ReplayFeed } from '../lib/adapters/replay/replay-feed.ts';
import { fail, requireDates } from './cli-support.ts';

/**
 * `npm run backtest -- --from 2026-11-16 [--to 2026-11-17] [--symbols A,B] [--synthetic] [--keep] [--json F]`:
 * replays stored history (bars and news imported with `npm run import:history` into DATABASE_URL) through the
 * whole system, minute by minute, with simulated fills, and prints what it decided and how it did. Its own
 * state (cycles, intents, orders, trades) goes to a scratch schema (dropped unless --keep), never to the
 * tables of a paper or live run. `--synthetic` replays the synthetic market (SIM_SEED, SIM_SYMBOLS) streamed a
 * session at a time, exactly what recording it as history would replay: no DATABASE_URL needed (the run's own
 * state goes to embedded Postgres in a temporary folder).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const USAGE = 'usage: npm run backtest -- --from YYYY-MM-DD [--to YYYY-MM-DD] [--symbols A,B,C] [--synthetic] [--market-start YYYY-MM-DD] [--keep] [--json FILE] [--verbose]';

const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    symbols: { type: 'string' },
    synthetic: { type: 'boolean', default: false },
    'market-start': { type: 'string' },
    keep: { type: 'boolean', default: false },
    json: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) fail(USAGE, 0);
const from = values.from ?? fail(`--from is required (the first session to replay, YYYY-MM-DD)\n${USAGE}`);
const to = values.to ?? from;
requireDates([['--from', from], ['--to', to], ['--market-start', values['market-start']]]);
if (to < from) fail(`--to (${to}) is before --from (${from})`);
if (values.json) {
  // Before the run, not after it: a report that cannot be written would be lost with the hour it took.
  const target = path.resolve(values.json);
  const existed = existsSync(target);
  try {
    await (await open(target, 'a')).close();
    if (!existed) await rm(target, { force: true });
  } catch (e) {
    fail(`--json ${values.json}: cannot write there (${(e as { code?: string }).code ?? String(e)}); choose a writable path`);
  }
}
const sessions = calendarBetween(from, to);
if (sessions.length === 0) fail(`No trading session between ${from} and ${to} (weekends and exchange holidays have none)`);
const symbols = values.symbols?.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);

loadDotenv(path.join(ROOT, '.env'));
process.env.TRADING_MODE = 'backtest';
process.env.CATALYST_ROOT ??= ROOT;
process.env.LOG_LEVEL = values.verbose ? (process.env.LOG_LEVEL ?? 'info') : 'error';
let env: Extract<Env, { TRADING_MODE: 'backtest' }>;
try {
  env = loadConfig(process.env) as typeof env;
} catch (e) {
  fail(isAppError(e) ? e.message : String(e), 1);
}
const historyUrl = process.env.DATABASE_URL || undefined;
if (!historyUrl && !values.synthetic) {
  fail('A backtest replays the history stored in DATABASE_URL (import it with `npm run import:history`). Set DATABASE_URL, or add --synthetic to replay the synthetic market.', 1);
}
console.log(modeBanner(env));

const runId = `${from.replaceAll('-', '')}_${randomBytes(3).toString('hex')}`;
const scratchSchema = `backtest_${runId}`;
const say = (line: string) => console.log(line);
let stack: LocalStack | undefined;
let tempDir: string | undefined;
let dropScratch: (() => Promise<void>) | undefined;

async function prepareDatabase(): Promise<void> {
  if (historyUrl) {
    // Our own state goes to a scratch schema of the same database; the stored history is read from the default one.
    const admin = createPool({ url: historyUrl, caCert: process.env.DATABASE_CA_CERT || undefined, max: 1, applicationName: 'catalyst-backtest' });
    await admin.query(`CREATE SCHEMA ${scratchSchema}`);
    await admin.end();
    const url = new URL(historyUrl);
    url.searchParams.set('options', `-c search_path=${scratchSchema}`);
    process.env.DATABASE_URL = url.toString();
    dropScratch = async () => {
      const pool = createPool({ url: historyUrl, caCert: process.env.DATABASE_CA_CERT || undefined, max: 1, applicationName: 'catalyst-backtest' });
      await pool.query(`DROP SCHEMA ${scratchSchema} CASCADE`).finally(() => pool.end());
    };
    say(`State of this run: schema ${scratchSchema} of DATABASE_URL${values.keep ? ' (kept: --keep)' : ' (dropped at the end; --keep keeps it)'}`);
  } else {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'catalyst-backtest-'));
    process.env.LOCAL_DATA_DIR = tempDir;
  }
  stack = await startLocalStack({ env: process.env, root: ROOT, allowMemoryRedis: true, log: say });
  Object.assign(process.env, stack.env);
  process.env.REDIS_KEY_PREFIX = `backtest:${runId}:`;
}

/** A problem the user can fix, printed without a stack. */
class BacktestProblem extends Error {}

async function loadHistory(): Promise<ReplayFeed> {
  if (values.synthetic) {
    // Streamed from the seeded market a session at a time: the same bars and news as recording it, no history database.
    const market = createSyntheticMarket({ seed: env.SIM_SEED, start: values['market-start'] ?? addDays(from, -70), symbols: env.SIM_SYMBOLS, crypto: false, newsRate: env.SIM_NEWS_RATE, cacheBars: 50_000 });
    say(`Streaming the synthetic market (seed ${env.SIM_SEED}, ${env.SIM_SYMBOLS} symbols) as history, a session at a time`);
    return openStreamingFeed(syntheticSessionSource(market, { from, to }, symbols ? { symbols } : {}));
  }
  const pool = createPool({ url: historyUrl!, caCert: process.env.DATABASE_CA_CERT || undefined, max: 1, applicationName: 'catalyst-backtest' });
  try {
    const repo = new PgHistoryRepo(pool);
    let assets: readonly Asset[] | undefined;
    // Asset records stored by `history:download` (names, exchanges): the scanner's universe filters need them.
    const stored = await loadHistoryAssets(pool);
    if (stored.length) assets = stored;
    const feed = await loadReplayFeed(repo, { from: newYorkTime(addDays(from, -70), '00:00'), to: newYorkTime(addDays(to, 1), '00:00'), ...(symbols ? { symbols } : {}), ...(assets ? { assets } : {}) }).catch((e: unknown) => {
      // 42P01: undefined table, a database nobody imported history into.
      if ((e as { code?: string }).code === '42P01') throw new BacktestProblem('DATABASE_URL holds no imported history (no history tables yet): import some with `npm run import:history -- <file-or-folder>`');
      throw e;
    });
    const span = feed.span();
    if (!span) throw new BacktestProblem(`No stored history between ${addDays(from, -70)} and ${to}${symbols ? ` for ${symbols.join(', ')}` : ''}: import some with \`npm run import:history -- <file-or-folder>\``);
    say(`Replaying ${feed.assets().length} symbols, ${sessions.length} session(s) ${from}..${to}`);
    return feed;
  } finally {
    await pool.end();
  }
}

const usd = (x: number) => `${x < 0 ? '-' : ''}$${Math.abs(x).toFixed(2)}`;
const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(2)}%`);
const num = (x: number | null, digits = 2) => (x === null ? 'n/a' : x.toFixed(digits));
const dayLine = (d: BacktestDay) =>
  `${d.date}: ${d.ticks} ticks${d.failedTicks ? ` (${d.failedTicks} FAILED)` : ''}, ${d.ordersPlaced} orders, ${d.tradesClosed} trades closed, P&L ${usd(d.pnlUsd)}, equity ${d.equity === null ? 'n/a' : usd(d.equity)} (${(d.wallMs / 1000).toFixed(1)} s)`;

try {
  await prepareDatabase();
  const feed = await loadHistory();
  const result = await runBacktest({ feed, from, to, root: ROOT, env: { ...process.env }, onDay: (d) => say(dayLine(d)) });
  const p = result.performance;
  say('');
  say(`Backtest ${from}..${to}: ${result.ticks} ticks in ${(result.wallMs / 1000).toFixed(1)} s${result.failedTicks ? `, ${result.failedTicks} failed (run with --verbose)` : ''}`);
  const g = p.beforeFees;
  say(`Orders: ${result.orders.length} (${result.orders.filter((o) => o.filledQty > 0).length} filled); trades closed: ${p.trades} (${p.wins} won, ${p.losses} lost after fees, win rate ${pct(p.winRate)}; before fees ${g.wins} won, win rate ${pct(g.winRate)})`);
  say(`P&L after fees ${usd(p.netPnlUsd)} (before fees ${usd(g.pnlUsd)}, estimated fees ${usd(p.feesUsd)}); profit factor ${num(p.profitFactor)} (before fees ${num(g.profitFactor)}), expectancy ${p.expectancyUsd === null ? 'n/a' : usd(p.expectancyUsd)} (before fees ${g.expectancyUsd === null ? 'n/a' : usd(g.expectancyUsd)}), average R ${num(p.averageR)} (before fees ${num(g.averageR)})`);
  say(`Period return ${pct(p.totalReturn)} over ${p.days} session(s)${p.cagr === null ? ' (no CAGR under a year)' : `, CAGR ${pct(p.cagr)}`}, max drawdown ${pct(p.maxDrawdown)}, Sharpe ${num(p.sharpe)}, Sortino ${num(p.sortino)}`);
  for (const w of result.warnings) say(`WARNING: ${w}`);
  say('Assumptions:');
  for (const a of result.assumptions) say(`  - ${a}`);
  for (const e of result.errors) say(`  failed tick ${e}`);
  say(`Decisions digest: ${result.digest} (the same data and settings give the same digest)`);
  if (values.json) {
    await writeFile(values.json, `${JSON.stringify(result, null, 2)}\n`);
    say(`Wrote ${values.json}`);
  }
  if (values.keep && !historyUrl) say(`Kept the embedded database in ${tempDir}`);
  process.exitCode = result.failedTicks ? 1 : 0;
} catch (e) {
  console.error(`Backtest failed: ${isAppError(e) || e instanceof BacktestProblem ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
} finally {
  await stack?.stop();
  if (!values.keep) {
    await dropScratch?.().catch((e: unknown) => console.error(`Could not drop ${scratchSchema}: ${String(e)}`));
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}
