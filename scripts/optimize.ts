import path from 'node:path';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadDotenv } from '../scheduler/dotenv.ts';
import { startLocalStack, type LocalStack } from '../scheduler/local-stack.ts';
import { createPool } from '../lib/adapters/postgres/pool.ts';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../lib/adapters/postgres/migrate.ts';
import { PgHistoryRepo } from '../lib/adapters/replay/history.repo.ts';
import { PgResearchStore } from '../lib/adapters/postgres/research.repo.ts';
import { recordSyntheticHistory } from '../lib/adapters/replay/synthetic-history.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { workerPoolInvoker } from '../lib/adapters/research/worker-pool.invoker.ts';
import { runWalkForward } from '../lib/app/research/walk-forward.ts';
import { parseObjective, type Objective } from '../lib/domain/research/objective.ts';
import { walkForwardFolds } from '../lib/domain/research/folds.ts';
import { addDays } from '../lib/domain/calendar/new-york-time.ts';
import { calendarBetween } from '../lib/domain/calendar/nyse-calendar.ts';
import { reportAssumptions } from '../lib/compose/assumptions.ts';
import { loadConfig } from '../lib/config/load-config.ts';
import { isAppError } from '../lib/shared/errors.ts';
import { TUNABLE_SETTINGS } from '../scheduler/research/tunable-settings.ts';
import type { BacktestTrialOptions } from '../scheduler/research/backtest-trial.ts';
import { fail, requireDates } from './cli-support.ts';
import { reportLines, studyAssumptions } from './optimize-report.ts';

/**
 * `npm run optimize -- --from D --to D --objective sharpe --folds N --trials N [--seed S] [--workers N]
 * [--sampler random|halving] [--in-sample N] [--out-of-sample N] [--min-trades N] [--symbols A,B] [--synthetic]
 * [--json FILE]`: walk-forward optimisation of the tunable settings over stored history in DATABASE_URL
 * (or, with --synthetic, the synthetic market recorded as history in a scratch schema). Trials run on worker
 * threads, each a whole-system backtest in its own scratch schema; the study is stored (research_runs) and
 * the same command resumes it.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const USAGE =
  'usage: npm run optimize -- --from YYYY-MM-DD --to YYYY-MM-DD --objective sharpe|sortino|net_pnl|total_return|profit_factor|expectancy --folds N --trials N [--seed S] [--workers N] [--sampler random|halving] [--in-sample N] [--out-of-sample N] [--min-trades N] [--symbols A,B] [--synthetic] [--json FILE]';
const { values } = parseArgs({
  options: {
    from: { type: 'string' }, to: { type: 'string' }, objective: { type: 'string', default: 'sharpe' },
    folds: { type: 'string' }, trials: { type: 'string' }, seed: { type: 'string', default: '1' },
    workers: { type: 'string' }, sampler: { type: 'string', default: 'random' }, 'in-sample': { type: 'string' },
    'out-of-sample': { type: 'string' }, 'min-trades': { type: 'string', default: '10' }, symbols: { type: 'string' },
    synthetic: { type: 'boolean', default: false }, json: { type: 'string' }, help: { type: 'boolean', default: false },
  },
});
if (values.help) fail(USAGE, 0);
const whole = (flag: string, v: string | undefined, min: number): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) fail(`--${flag} must be a whole number >= ${min} (got ${v})\n${USAGE}`);
  return n;
};
const from = values.from ?? fail(`--from is required (the first session of the study, YYYY-MM-DD)\n${USAGE}`);
const to = values.to ?? fail(`--to is required (the last session of the study, YYYY-MM-DD)\n${USAGE}`);
requireDates([['--from', from], ['--to', to]]);
if (to < from) fail(`--to (${to}) is before --from (${from})`);
let objective: Objective;
try {
  objective = parseObjective(values.objective);
} catch (e) {
  fail(`${(e as Error).message}\n${USAGE}`);
}
const folds = whole('folds', values.folds, 1) ?? fail(`--folds is required (how many walk-forward steps)\n${USAGE}`);
const trials = whole('trials', values.trials, 1) ?? fail(`--trials is required (settings tried per fold)\n${USAGE}`);
const seed = whole('seed', values.seed, 0)!;
const workers = whole('workers', values.workers, 1) ?? Math.max(1, os.availableParallelism());
const minTrades = whole('min-trades', values['min-trades'], 0)!;
const inSample = whole('in-sample', values['in-sample'], 1);
const outOfSample = whole('out-of-sample', values['out-of-sample'], 1);
if (values.sampler !== 'random' && values.sampler !== 'halving') fail(`--sampler must be random or halving (got ${values.sampler})`);
const sampler = values.sampler;
const sessions = calendarBetween(from, to).map((s) => s.date);
if (sessions.length === 0) fail(`No trading session between ${from} and ${to} (weekends and exchange holidays have none)`);
const plan = { folds, ...(inSample ? { inSampleSessions: inSample } : {}), ...(outOfSample ? { outOfSampleSessions: outOfSample } : {}) };
try {
  // Before any database or worker: a plan that does not fit is a usage error.
  walkForwardFolds(sessions, plan);
} catch (e) {
  fail((e as Error).message);
}
const symbols = values.symbols?.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);

loadDotenv(path.join(ROOT, '.env'));
const databaseUrl = process.env.DATABASE_URL || fail('A study stores its trials in DATABASE_URL and runs each in a scratch schema there: set DATABASE_URL to a PostgreSQL database (embedded Postgres is a single session and cannot host parallel trials).', 1);
const say = (line: string) => console.log(line);
const withSearchPath = (url: string, schema: string) => {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
};
let stack: LocalStack | undefined;
let dropHistory: (() => Promise<void>) | undefined;
try {
  stack = await startLocalStack({ env: { ...process.env, LOG_LEVEL: 'error' }, root: ROOT, allowMemoryRedis: true, log: () => undefined });
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...stack.env })) if (v !== undefined) env[k] = v;
  env.TRADING_MODE = 'backtest';
  env.CATALYST_ROOT ??= ROOT;
  env.LOG_LEVEL = 'error';
  const config = loadConfig(env) as { SIM_SEED: number; SIM_SYMBOLS: number; SIM_NEWS_RATE: number };
  let historyUrl = databaseUrl;
  const extra: Partial<BacktestTrialOptions> = symbols ? { symbols } : {};
  if (values.synthetic) {
    const schema = `optimize_history_${randomBytes(4).toString('hex')}`;
    const admin = createPool({ url: databaseUrl, max: 1 });
    await admin.query(`CREATE SCHEMA ${schema}`).finally(() => admin.end());
    dropHistory = async () => {
      const p = createPool({ url: databaseUrl, max: 1 });
      await p.query(`DROP SCHEMA ${schema} CASCADE`).finally(() => p.end());
    };
    historyUrl = withSearchPath(databaseUrl, schema);
    const pool = createPool({ url: historyUrl, max: 1 });
    try {
      await migrate(pool, await readMigrations(MIGRATIONS_DIR));
      say(`Recording the synthetic market (seed ${config.SIM_SEED}, ${config.SIM_SYMBOLS} symbols) as history ...`);
      const market = createSyntheticMarket({ seed: config.SIM_SEED, start: addDays(from, -70), symbols: config.SIM_SYMBOLS, crypto: false, newsRate: config.SIM_NEWS_RATE });
      const recorded = await recordSyntheticHistory(new PgHistoryRepo(pool), market, { from, to });
      Object.assign(extra, { assets: [...recorded.assets], spreadBps: recorded.spreadBps });
    } finally {
      await pool.end();
    }
  }
  const options: BacktestTrialOptions = { root: ROOT, historyUrl, scratchUrl: databaseUrl, env, from, to, ...extra };
  say(`Walk-forward study ${from}..${to} (${sessions.length} sessions): ${folds} fold(s), ${trials} trial(s) per fold (${sampler}), objective ${objective}, at least ${minTrades} trade(s) in sample, seed ${seed}, ${workers} worker thread(s)`);
  say(`Tuning: ${TUNABLE_SETTINGS.map((r) => `${r.name} ${r.min}..${r.max} step ${r.step}`).join(', ')}`);
  const invoker = workerPoolInvoker({ workers, modulePath: path.join(ROOT, 'scheduler/research/backtest-trial.ts'), options });
  const storePool = createPool({ url: databaseUrl, max: 2, applicationName: 'catalyst-optimize' });
  const started = performance.now();
  let done = 0;
  try {
    const report = await runWalkForward(
      {
        sessions, plan,
        space: TUNABLE_SETTINGS, trials, sampler, eta: 3, objective, minTrades, seed, monteCarloSamples: 1000,
        context: { synthetic: values.synthetic ? { seed: config.SIM_SEED, symbols: config.SIM_SYMBOLS } : false, symbols: symbols ?? null },
      },
      { invoker, store: new PgResearchStore(storePool), now: () => performance.now(), onTrial: (p) => {
        if (!p.reused) say(`  trial ${++done}: ${p.key} (${(p.wallMs / 1000).toFixed(1)} s)`);
      } },
    );
    const minutes = (performance.now() - started) / 60_000;
    say('');
    say(`Research run #${report.runId}${report.resumed ? ' (resumed)' : ''}: ${report.trialsRun} trial(s) run, ${report.trialsReused} reused, in ${(minutes * 60).toFixed(1)} s (${minutes > 0 ? (report.trialsRun / minutes).toFixed(1) : 'n/a'} trials/min)`);
    for (const l of reportLines(report, objective, [...studyAssumptions(minTrades, sampler), ...reportAssumptions('backtest', { spreadModel: values.synthetic ? "each symbol's quoted spread in the synthetic market" : 'modelled from the stored bars (as npm run backtest prints it)' })])) say(l);
    if (values.json) await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await invoker.close();
    await storePool.end();
  }
} catch (e) {
  console.error(`Optimisation failed: ${isAppError(e) ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
} finally {
  await dropHistory?.().catch((e: unknown) => console.error(`Could not drop the synthetic history: ${String(e)}`));
  await stack?.stop();
}
