import path from 'node:path';
import os from 'node:os';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadDotenv } from '../scheduler/dotenv.ts';
import { loadConfig, modeBanner } from '../lib/config/load-config.ts';
import { isAppError } from '../lib/shared/errors.ts';
import { startLocalStack, type LocalStack } from '../scheduler/local-stack.ts';
import { runBacktest } from '../lib/compose/backtest/run-backtest.ts';
import { progressLine } from '../scheduler/backtest-progress.ts';
import { backtestReportDocument, writeBacktestReport } from '../scheduler/backtest-report-writer.ts';
import { saveProblem, saveResearchRun } from '../scheduler/research/save-research-run.ts';

import { createPool } from '../lib/adapters/postgres/pool.ts';
import { steppingClock } from '../lib/adapters/clock/stepping-clock.ts';
import { memoryStores } from '../lib/compose/memory-stores.ts';
import type { StoreSet } from '../lib/compose/store-set.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { openStreamingFeed } from '../lib/adapters/replay/streaming-feed.ts';
import { syntheticSessionSource } from '../lib/adapters/replay/synthetic-session-source.ts';
import { addDays, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { calendarBetween } from '../lib/domain/calendar/nyse-calendar.ts';
import type { Env } from '../lib/config/env.schema.ts';
import type { ReplayFeed } from '../lib/adapters/replay/replay-feed.ts';
import { fail, requireDates, parseCli } from './cli-support.ts';
import { BacktestProblem, loadStoredHistory, recordedSyntheticHistory } from '../scheduler/backtest-history.ts';
import { dayLine, printReport } from './backtest-print.ts';
import { strategySettings } from '../scheduler/backtest-settings.ts';

/**
 * `npm run backtest -- --from 2026-11-16 [--to 2026-11-17] [--symbols A,B] [--synthetic] [--db] [--keep] [--json F]`:
 * replays stored history (bars and news imported with `npm run import:history` into DATABASE_URL) through the
 * whole system, minute by minute, with simulated fills, and prints what it decided and how it did. By default
 * the run's own state (cycles, intents, orders, trades) lives in memory; `--db` keeps it in a scratch schema of
 * the database instead (dropped unless --keep), never in the tables of a paper or live run: the reference
 * replay. `--synthetic` replays the synthetic market (SIM_SEED, SIM_SYMBOLS): no DATABASE_URL needed. On a
 * terminal one line shows the progress; Ctrl-C stops after the current tick and prints the report so far.
 * `--save` stores the finished run's report as a research run in DATABASE_URL (the dashboard's Research page).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const USAGE = 'usage: npm run backtest -- --from YYYY-MM-DD [--to YYYY-MM-DD] [--symbols A,B,C] [--synthetic] [--market-start YYYY-MM-DD] [--db] [--keep] [--json FILE] [--save] [--verbose]';

const values = parseCli(process.argv.slice(2), {
    from: { type: 'string' },
    to: { type: 'string' },
    symbols: { type: 'string' },
    synthetic: { type: 'boolean', default: false },
    'market-start': { type: 'string' },
    db: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    json: { type: 'string' },
    save: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  }, USAGE);
const from = values.from ?? fail(`--from is required (the first session to replay, YYYY-MM-DD)\n${USAGE}`);
const to = values.to ?? from;
requireDates([['--from', from], ['--to', to], ['--market-start', values['market-start']]]);
if (to < from) fail(`--to (${to}) is before --from (${from})`);
if (values.keep && !values.db) fail('--keep keeps the scratch database of a --db run: add --db');
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
if (values.save) {
  const problem = saveProblem(historyUrl);
  if (problem) fail(problem, 1);
}
const clock = steppingClock(newYorkTime(from, '00:00'));
let stores: StoreSet | undefined;
if (!values.db) {
  try {
    stores = memoryStores({ clock, retention: 'backtest' });
  } catch (e) {
    fail(isAppError(e) ? e.message : String(e), 1);
  }
}
console.log(modeBanner(env));

const runId = `${from.replaceAll('-', '')}_${randomBytes(3).toString('hex')}`;
const scratchSchema = `backtest_${runId}`;
const say = (line: string) => console.log(line);
let stack: LocalStack | undefined;
let tempDir: string | undefined;
let dropScratch: (() => Promise<void>) | undefined;
// The first Ctrl-C asks the run to stop after its current tick; a second one quits at once. Under
// `npm run` one Ctrl-C arrives more than once (the terminal signals the group, npm and tsx forward it):
// a repeat within a second is the same keypress.
let stopping = false;
let stoppedAt = 0;
const progress = progressLine(process.stdout, () => performance.now());
process.on('SIGINT', () => {
  if (stopping && performance.now() - stoppedAt < 1000) return;
  if (stopping) process.exit(130);
  stopping = true;
  stoppedAt = performance.now();
  progress.clear();
  say('Ctrl-C: stopping after the current tick (Ctrl-C again quits at once, without the report) ...');
});

/** --db: the run's state goes to a scratch schema of DATABASE_URL, or to an embedded Postgres in a temporary folder. */
async function prepareDatabase(): Promise<void> {
  if (historyUrl) {
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

async function loadHistory(): Promise<ReplayFeed> {
  if (values.synthetic) {
    if (!values.db) {
      // Streamed from the seeded market a session at a time: the same bars and news as recording it, no history database.
      const market = createSyntheticMarket({ seed: env.SIM_SEED, start: values['market-start'] ?? addDays(from, -70), symbols: env.SIM_SYMBOLS, crypto: false, newsRate: env.SIM_NEWS_RATE, cacheBars: 50_000 });
      say(`Streaming the synthetic market (seed ${env.SIM_SEED}, ${env.SIM_SYMBOLS} symbols) as history, a session at a time`);
      return openStreamingFeed(syntheticSessionSource(market, { from, to }, symbols ? { symbols } : {}));
    }
    const market = createSyntheticMarket({ seed: env.SIM_SEED, start: values['market-start'] ?? addDays(from, -70), symbols: env.SIM_SYMBOLS, crypto: false, newsRate: env.SIM_NEWS_RATE });
    say(`Recording the synthetic market (seed ${env.SIM_SEED}, ${env.SIM_SYMBOLS} symbols) as history ...`);
    const pool = createPool({ url: process.env.DATABASE_URL!, caCert: process.env.DATABASE_CA_CERT || undefined, max: 1, applicationName: 'catalyst-backtest' });
    return recordedSyntheticHistory(pool, market, { from, to, ...(symbols ? { symbols } : {}) }, say).finally(() => pool.end());
  }
  const pool = createPool({ url: historyUrl!, caCert: process.env.DATABASE_CA_CERT || undefined, max: 1, applicationName: 'catalyst-backtest' });
  return loadStoredHistory(pool, { from, to, ...(symbols ? { symbols } : {}) }).finally(() => pool.end());
}

try {
  if (values.db) await prepareDatabase();
  const feed = await loadHistory();
  if (stopping) throw new BacktestProblem('Interrupted (Ctrl-C) before the replay started');
  if (feed.assets().length === 0) throw new BacktestProblem(`No history to replay for ${symbols?.join(', ') ?? 'any symbol'} (the synthetic market has SIM_SYMBOLS=${env.SIM_SYMBOLS} symbols of its own names)`);
  say(`Replaying ${feed.assets().length} symbols, ${sessions.length} session(s) ${from}..${to}, state ${stores ? 'in memory' : 'in Postgres (--db)'}`);
  const result = await runBacktest({
    // In memory nothing may reach the history database: without DATABASE_URL a stray query fails loudly.
    feed, from, to, env: stores ? { ...process.env, DATABASE_URL: undefined } : { ...process.env }, clock,
    ...(stores ? { stores } : {}),
    onProgress: (p) => progress.update(p),
    onDay: (d) => {
      progress.clear();
      say(dayLine(d));
    },
    shouldStop: () => stopping,
    detail: values.json !== undefined || values.save,
  });
  progress.clear();
  printReport(result, { from, to }, say);
  const settings = { from, to, sessions: sessions.length, symbols: feed.assets().map((a) => a.symbol), history: values.synthetic ? 'synthetic' : 'stored', storage: stores ? 'memory' : 'postgres', seed: values.synthetic ? env.SIM_SEED : null, quietStepMinutes: 15, strategy: strategySettings(env) } as const;
  if (values.save && result.interrupted) say('Not saved as a research run: the run was interrupted (its figures cover only part of the window)');
  else if (values.save) {
    const doc = backtestReportDocument(settings, result);
    const id = await saveResearchRun(historyUrl!, (archive) => archive.saveBacktest(doc), process.env.DATABASE_CA_CERT || undefined);
    say(`Saved as research run #${id} (the dashboard's Research page)`);
  }
  if (values.json) {
    await writeBacktestReport(values.json, settings, result);
    say(`Wrote ${values.json} (schema v1, see README "Backtests")`);
  }
  if (values.keep && values.db && !historyUrl) say(`Kept the embedded database in ${tempDir}`);
  process.exitCode = result.interrupted ? 130 : result.failedTicks ? 1 : 0;
} catch (e) {
  progress.clear();
  console.error(`Backtest failed: ${isAppError(e) || e instanceof BacktestProblem ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
} finally {
  await stack?.stop();
  if (!values.keep) {
    await dropScratch?.().catch((e: unknown) => console.error(`Could not drop ${scratchSchema}: ${String(e)}`));
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}
