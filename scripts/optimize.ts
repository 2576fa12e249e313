import path from 'node:path';
import os from 'node:os';
import { writeFile } from 'node:fs/promises';
import { loadDotenv } from '../scheduler/dotenv.ts';
import { createPool } from '../lib/adapters/postgres/pool.ts';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../lib/adapters/postgres/migrate.ts';
import { loadHistoryAssets } from '../lib/adapters/replay/download/history-assets.repo.ts';
import { PgResearchStore } from '../lib/adapters/postgres/research.repo.ts';
import { workerPoolInvoker } from '../lib/adapters/research/worker-pool.invoker.ts';
import { runWalkForward } from '../lib/app/research/walk-forward.ts';
import { parseObjective, type Objective } from '../lib/domain/research/objective.ts';
import { walkForwardFolds } from '../lib/domain/research/folds.ts';
import type { Asset } from '../lib/domain/market.ts';
import { calendarBetween } from '../lib/domain/calendar/nyse-calendar.ts';
import { reportAssumptions } from '../lib/compose/assumptions.ts';
import { loadConfig } from '../lib/config/load-config.ts';
import { isAppError } from '../lib/shared/errors.ts';
import { PARAMETER_SPACE } from '../lib/config/parameter-space.ts';
import type { BacktestTrialOptions, TrialHistory } from '../lib/compose/research/backtest-trial.ts';
import { fail, requireWindow, parseCli } from './cli-support.ts';
import { reportLines, studyAssumptions } from './optimize-report.ts';
import { DEFAULT_SESSION_SECONDS, remoteTrialInvoker } from './optimize-remote.ts';
import type { TrialInvoker, TrialStudy } from '../lib/ports/trial-invoker.port.ts';

/**
 * `npm run optimize -- --from D --to D --objective sharpe --folds N --trials N [--seed S] [--workers N]
 * [--sampler random|halving] [--in-sample N] [--out-of-sample N] [--min-trades N] [--symbols A,B] [--synthetic]
 * [--json FILE] [--remote [--concurrency N] [--session-seconds S]]`: walk-forward optimisation of the declared parameter space (lib/config/parameter-space.ts)
 * over stored history in DATABASE_URL (or, with --synthetic, the synthetic market). Trials run on worker
 * threads, each a whole-system backtest over its own in-memory stores (with --remote: one research/trial
 * function invocation each, see optimize-remote.ts); the study is stored in DATABASE_URL (research_runs) and
 * the same command resumes it, whichever ran the trials.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const USAGE =
  'usage: npm run optimize -- --from YYYY-MM-DD --to YYYY-MM-DD --objective sharpe|sortino|net_pnl|total_return|profit_factor|expectancy --folds N --trials N [--seed S] [--workers N] [--sampler random|halving] [--in-sample N] [--out-of-sample N] [--min-trades N] [--symbols A,B] [--synthetic] [--json FILE] [--remote [--concurrency N] [--session-seconds S]]';
const values = parseCli(process.argv.slice(2), {
    from: { type: 'string' }, to: { type: 'string' }, objective: { type: 'string', default: 'sharpe' },
    folds: { type: 'string' }, trials: { type: 'string' }, seed: { type: 'string', default: '1' },
    workers: { type: 'string' }, sampler: { type: 'string', default: 'random' }, 'in-sample': { type: 'string' },
    'out-of-sample': { type: 'string' }, 'min-trades': { type: 'string', default: '10' }, symbols: { type: 'string' },
    synthetic: { type: 'boolean', default: false }, json: { type: 'string' }, help: { type: 'boolean', default: false },
    remote: { type: 'boolean', default: false }, concurrency: { type: 'string' }, 'session-seconds': { type: 'string' },
  }, USAGE);
const whole = (flag: string, v: string | undefined, min: number): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) fail(`--${flag} must be a whole number >= ${min} (got ${v})\n${USAGE}`);
  return n;
};
const from = values.from ?? fail(`--from is required (the first session of the study, YYYY-MM-DD)\n${USAGE}`);
const to = values.to ?? fail(`--to is required (the last session of the study, YYYY-MM-DD)\n${USAGE}`);
requireWindow(from, to);
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
const concurrency = whole('concurrency', values.concurrency, 1);
const sessionSeconds = whole('session-seconds', values['session-seconds'], 1) ?? DEFAULT_SESSION_SECONDS;
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
const databaseUrl = process.env.DATABASE_URL || fail('A study stores its trials in DATABASE_URL (so an interrupted study resumes): set DATABASE_URL to a PostgreSQL database (embedded Postgres is a single session).', 1);
const say = (line: string) => console.log(line);
try {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'DATABASE_URL') env[k] = v;
  env.TRADING_MODE = 'backtest';
  env.CATALYST_ROOT ??= ROOT;
  env.LOG_LEVEL = 'error';
  const config = loadConfig(env) as { SIM_SEED: number; SIM_SYMBOLS: number; SIM_NEWS_RATE: number };
  // Each worker builds the synthetic market itself or loads the stored history once; every trial runs in memory.
  const history: TrialHistory = values.synthetic ? { kind: 'synthetic', seed: config.SIM_SEED, symbols: config.SIM_SYMBOLS, newsRate: config.SIM_NEWS_RATE } : { kind: 'stored', url: databaseUrl };
  let assets: Asset[] = [];
  if (!values.synthetic) {
    // Asset records stored by history:download (names, for linking text to tickers); none after a bare import.
    const pool = createPool({ url: databaseUrl, max: 1, applicationName: 'catalyst-optimize' });
    assets = [...(await loadHistoryAssets(pool).catch(() => []).finally(() => pool.end()))];
  }
  const options: BacktestTrialOptions = { history, env, from, to, ...(symbols ? { symbols } : {}), ...(assets.length ? { assets } : {}) };
  let invoker: TrialInvoker;
  if (values.remote) {
    // The function builds the synthetic market from its seed, or reads the history from its own DATABASE_URL: never sent.
    const study: TrialStudy = { history: history.kind === 'synthetic' ? history : { kind: 'stored' }, from, to, ...(symbols ? { symbols } : {}) };
    const remote = remoteTrialInvoker({ root: ROOT, env: process.env, study, concurrency, sessionSeconds, say });
    if ('problem' in remote) fail(remote.problem);
    invoker = remote;
  } else {
    invoker = workerPoolInvoker({ workers, modulePath: path.join(ROOT, 'lib/compose/research/backtest-trial.ts'), options });
  }
  const where = values.remote ? `research/trial invocations, ${invoker.concurrency} at a time and at most 600 a minute, each trial in memory in its function` : `${workers} worker thread(s), each trial in memory`;
  say(`Walk-forward study ${from}..${to} (${sessions.length} sessions): ${folds} fold(s), ${trials} trial(s) per fold (${sampler}), objective ${objective}, at least ${minTrades} trade(s) in sample, seed ${seed}, ${where}`);
  say(`Tuning: ${PARAMETER_SPACE.map((r) => `${r.name} ${r.min}..${r.max} step ${r.step}`).join(', ')}`);
  const storePool = createPool({ url: databaseUrl, max: 2, applicationName: 'catalyst-optimize' });
  // The research tables (research_runs, research_trials) hold the study so that the same command resumes it.
  await migrate(storePool, await readMigrations(MIGRATIONS_DIR));
  const started = performance.now();
  let done = 0;
  try {
    const report = await runWalkForward(
      {
        sessions, plan,
        space: PARAMETER_SPACE, trials, sampler, eta: 3, objective, minTrades, seed, monteCarloSamples: 1000,
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
}
