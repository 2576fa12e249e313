import type { TestDb } from './db.ts';
import { ROOT } from './sim-system.ts';
import type { IsoDate } from '../../lib/domain/time.ts';
import type { SyntheticMarket } from '../../lib/adapters/sim/market/synthetic-market.ts';
import { PgHistoryRepo } from '../../lib/adapters/replay/history.repo.ts';
import { loadReplayFeed } from '../../lib/adapters/replay/load-replay-feed.ts';
import { recordSyntheticHistory, type RecordedHistory } from '../../lib/adapters/replay/synthetic-history.ts';
import { addDays, newYorkTime } from '../../lib/domain/calendar/new-york-time.ts';
import { runBacktest, type BacktestResult } from '../../scheduler/backtest.ts';

/**
 * Records `market` as stored history in `db` (the importer's tables), loads it back and backtests `day`
 * through the whole system, as `npm run backtest -- --synthetic` does, over a runtime of its own built from
 * this process's environment extended by `runtimeEnv` (see runtimeEnvFor), quoting each symbol's synthetic
 * spread (the same quotes the simulated run saw, which stored history does not keep).
 */
export async function backtestRecordedDay(db: TestDb, market: SyntheticMarket, day: IsoDate, runtimeEnv: Record<string, string>): Promise<{ recorded: RecordedHistory; result: BacktestResult }> {
  const repo = new PgHistoryRepo(db.pool);
  const recorded = await recordSyntheticHistory(repo, market, { from: day, to: day });
  const feed = await loadReplayFeed(repo, { from: newYorkTime(addDays(day, -70), '00:00'), to: newYorkTime(addDays(day, 1), '00:00'), assets: recorded.assets, spreadBps: recorded.spreadBps });
  return { recorded, result: await runBacktest({ feed, from: day, to: day, root: ROOT, env: { ...process.env, ...runtimeEnv, TRADING_MODE: 'backtest' } }) };
}
