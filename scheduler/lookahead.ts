import type { IsoDate } from '../lib/domain/time.ts';
import type { ReplayFeed } from '../lib/adapters/replay/replay-feed.ts';
import { pointInTimeFeed, type FeedCuts } from '../lib/adapters/replay/point-in-time-feed.ts';
import { steppingClock } from '../lib/adapters/clock/stepping-clock.ts';
import { memoryStores } from '../lib/compose/memory-stores.ts';
import { diffDecisions, type DecisionDifference } from '../lib/domain/research/decision-diff.ts';
import { newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { runBacktest, type BacktestResult } from '../lib/compose/backtest/run-backtest.ts';

export type LookaheadRun = 'full' | 'truncated';

export interface LookaheadOptions {
  feed: ReplayFeed;
  from: IsoDate;
  to: IsoDate;
  /**
   * The environment of both runs (settings, log level). Each run keeps its state in its own in-memory stores
   * over its own clock, so the runs share nothing; DATABASE_URL is dropped so no stray query reaches a database.
   */
  env: Record<string, string | undefined>;
  /**
   * The code between the stored history and the system, the same in both runs (identity by default). A test
   * passes a deliberately leaky reader here to prove the check catches one.
   */
  readVia?: (history: ReplayFeed) => ReplayFeed;
  onRun?: (run: LookaheadRun, result: BacktestResult) => void;
}

export interface LookaheadResult {
  full: BacktestResult;
  truncated: BacktestResult;
  /** Every decision (order) that is not the same in both runs, oldest first: empty when nothing looked ahead. */
  differences: DecisionDifference[];
  /** What the truncated history withheld from the system's asks (all zero when it never asked for the future). */
  cuts: FeedCuts;
}

/**
 * The look-ahead check: replays the window twice through the whole system, once over the full history and
 * once over the history truncated at each decision time (a feed that cannot answer for anything after the
 * run's now), and lists every decision that differs. A strategy that reads the future through daily bars,
 * news versions, quotes or indicators decides differently when the future is not there. Both runs are in memory.
 */
export async function runLookaheadCheck(options: LookaheadOptions): Promise<LookaheadResult> {
  const readVia = options.readVia ?? ((f: ReplayFeed) => f);
  const env = { ...options.env, TRADING_MODE: 'backtest', DATABASE_URL: undefined };
  const start = newYorkTime(options.from, '00:00');
  const fullClock = steppingClock(start);
  const full = await runBacktest({ feed: readVia(options.feed), clock: fullClock, stores: memoryStores({ clock: fullClock }), from: options.from, to: options.to, env });
  options.onRun?.('full', full);
  const clock = steppingClock(start);
  // The truncated history reads the truncated run's own clock: it cannot answer for anything after that run's now.
  const cut = pointInTimeFeed(options.feed, () => clock.now());
  const truncated = await runBacktest({ feed: readVia(cut), clock, stores: memoryStores({ clock }), from: options.from, to: options.to, env });
  options.onRun?.('truncated', truncated);
  return { full, truncated, differences: diffDecisions(full.orders, truncated.orders), cuts: cut.cuts() };
}
