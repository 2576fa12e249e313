import { randomBytes } from 'node:crypto';
import type { Asset } from '../../lib/domain/market.ts';
import type { IsoDate } from '../../lib/domain/time.ts';
import { trialMetrics, type TrialResult } from '../../lib/domain/research/trial.ts';
import type { TrialRequest } from '../../lib/ports/trial-invoker.port.ts';
import type { TrialRunner } from '../../lib/adapters/research/worker-pool.invoker.ts';
import { createPool } from '../../lib/adapters/postgres/pool.ts';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../../lib/adapters/postgres/migrate.ts';
import { PgHistoryRepo } from '../../lib/adapters/replay/history.repo.ts';
import { loadReplayFeed } from '../../lib/adapters/replay/load-replay-feed.ts';
import { DEFAULT_SIM_BROKER_CONFIG } from '../../lib/adapters/sim/broker/sim-broker-config.ts';
import { addDays, newYorkTime } from '../../lib/domain/calendar/new-york-time.ts';
import { runBacktest, type BacktestResult } from '../backtest.ts';
import { settingsFor } from './tunable-settings.ts';

/** What a worker needs to run backtest trials (structured-cloneable: it crosses into the worker thread). */
export interface BacktestTrialOptions {
  root: string;
  /** Postgres URL whose search_path holds the stored history (bars and news). */
  historyUrl: string;
  /** Postgres URL of the database where each trial gets its own scratch schema (dropped after the trial). */
  scratchUrl: string;
  /** The environment every trial starts from (TRADING_MODE=backtest, Redis, log level); the point's settings go over it. */
  env: Record<string, string>;
  /** The study's sessions: the history loaded once per worker covers them. */
  from: IsoDate;
  to: IsoDate;
  symbols?: string[];
  assets?: Asset[];
  spreadBps?: Record<string, number>;
}

const withSearchPath = (url: string, schema: string) => {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
};

/** Session returns from the run's end-of-day equity, the first over the broker's starting cash. */
export function trialResultOf(result: BacktestResult, startEquityUsd: number): TrialResult {
  let previous = startEquityUsd;
  const sessionReturns = result.days.map((d) => {
    const equity = d.equity ?? previous;
    const r = previous > 0 ? equity / previous - 1 : 0;
    previous = equity;
    return r;
  });
  const trades = [...result.trades].sort((a, b) => a.exitAt - b.exitAt).map((t) => ({ exitDate: t.exitDate, netPnlUsd: t.pnlUsd - (t.feesUsd ?? 0) }));
  return { sessionReturns, trades, startEquityUsd, metrics: trialMetrics(sessionReturns, trades), digest: result.digest };
}

/**
 * A trial runner for workerPoolInvoker: loads the history once, then runs each trial as a whole-system
 * backtest (scheduler/backtest.ts) in a fresh scratch schema, so trials share nothing but the read-only
 * history. When the in-memory backtest (issue 16) lands, the scratch schema becomes an in-memory world.
 */
export async function createTrialRunner(options: BacktestTrialOptions): Promise<TrialRunner> {
  const history = createPool({ url: options.historyUrl, max: 1, applicationName: 'catalyst-optimize' });
  const feed = await loadReplayFeed(new PgHistoryRepo(history), {
    from: newYorkTime(addDays(options.from, -70), '00:00'),
    to: newYorkTime(addDays(options.to, 1), '00:00'),
    ...(options.symbols ? { symbols: options.symbols } : {}),
    ...(options.assets ? { assets: options.assets } : {}),
    ...(options.spreadBps ? { spreadBps: options.spreadBps } : {}),
  }).finally(() => history.end());
  const migrations = await readMigrations(MIGRATIONS_DIR);
  return {
    async run(request: TrialRequest): Promise<TrialResult> {
      const schema = `trial_${randomBytes(6).toString('hex')}`;
      const admin = createPool({ url: options.scratchUrl, max: 1, applicationName: 'catalyst-optimize' });
      try {
        await admin.query(`CREATE SCHEMA ${schema}`);
        const url = withSearchPath(options.scratchUrl, schema);
        const scratch = createPool({ url, max: 1, applicationName: 'catalyst-optimize' });
        await migrate(scratch, migrations).finally(() => scratch.end());
        const env = { ...options.env, ...settingsFor(request.point), TRADING_MODE: 'backtest', DATABASE_URL: url, REDIS_KEY_PREFIX: `optimize:${schema}:` };
        const result = await runBacktest({ feed, from: request.window.from, to: request.window.to, root: options.root, env });
        if (result.failedTicks) throw new Error(`trial ${request.key}: ${result.failedTicks} tick(s) failed, first: ${result.errors[0] ?? 'unknown'}`);
        return trialResultOf(result, DEFAULT_SIM_BROKER_CONFIG.initialCash);
      } finally {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
        await admin.end();
      }
    },
  };
}
