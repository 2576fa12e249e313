import type { TestDb } from './db.ts';
import type { IsoDate } from '../../lib/domain/time.ts';
import type { SyntheticMarket } from '../../lib/adapters/sim/market/synthetic-market.ts';
import type { ReplayFeed } from '../../lib/adapters/replay/replay-feed.ts';
import { PgHistoryRepo } from '../../lib/adapters/replay/history.repo.ts';
import { loadReplayFeed } from '../../lib/adapters/replay/load-replay-feed.ts';
import { recordSyntheticHistory, type RecordedHistory } from '../../lib/adapters/replay/synthetic-history.ts';
import { addDays, newYorkTime } from '../../lib/domain/calendar/new-york-time.ts';
import { steppingClock } from '../../lib/adapters/clock/stepping-clock.ts';
import { memoryStores, type Retention } from '../../lib/compose/memory-stores.ts';
import { runBacktest, type BacktestResult } from '../../lib/compose/backtest/run-backtest.ts';

/**
 * Where a backtest keeps its state: in memory (`npm run backtest`'s default), or in the Postgres and Redis
 * that `runtimeEnv` points at (see runtimeEnvFor; `npm run backtest -- --db`).
 */
export type BacktestState = 'memory' | { runtimeEnv: Record<string, string> };

/**
 * Backtests `feed` over [from, to] through the whole system, as `npm run backtest` does, with its state in
 * `state` (in memory, every row unless `retention` says otherwise); `detail` also gathers fills and trade audits.
 */
export async function backtestFeed(
  feed: ReplayFeed, from: IsoDate, to: IsoDate, state: BacktestState, options: { quietStepMinutes?: number; detail?: boolean; retention?: Retention } = {},
): Promise<BacktestResult> {
  const { retention, ...run } = options;
  if (state !== 'memory') return runBacktest({ feed, from, to, env: { ...process.env, ...state.runtimeEnv, TRADING_MODE: 'backtest' }, ...run });
  const clock = steppingClock(newYorkTime(from, '00:00'));
  // As the CLI runs it: without DATABASE_URL, a store that reached for Postgres would fail loudly.
  const env = { ...process.env, TRADING_MODE: 'backtest', LOG_LEVEL: 'error', DATABASE_URL: undefined };
  return runBacktest({ feed, from, to, env, clock, stores: memoryStores({ clock, ...(retention ? { retention } : {}) }), ...run });
}

/** Records `market` as stored history in `db` (the importer's tables) for `day` and loads it back as a replay feed. */
export async function recordDay(db: TestDb, market: SyntheticMarket, day: IsoDate): Promise<{ recorded: RecordedHistory; feed: ReplayFeed }> {
  const repo = new PgHistoryRepo(db.pool);
  const recorded = await recordSyntheticHistory(repo, market, { from: day, to: day });
  const feed = await loadReplayFeed(repo, { from: newYorkTime(addDays(day, -70), '00:00'), to: newYorkTime(addDays(day, 1), '00:00'), assets: recorded.assets, spreadBps: recorded.spreadBps });
  return { recorded, feed };
}

/**
 * Records `market` as stored history in `db`, loads it back and backtests `day` through the whole system, as
 * `npm run backtest -- --synthetic --db` does, quoting each symbol's synthetic spread (the same quotes the
 * simulated run saw, which stored history does not keep). The state lives in memory unless `state` names a
 * runtime environment: only the history needs the database.
 */
export async function backtestRecordedDay(db: TestDb, market: SyntheticMarket, day: IsoDate, state: BacktestState = 'memory'): Promise<{ recorded: RecordedHistory; result: BacktestResult }> {
  const { recorded, feed } = await recordDay(db, market, day);
  return { recorded, result: await backtestFeed(feed, day, day, state) };
}
