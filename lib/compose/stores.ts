import type { Runtime } from './runtime.ts';
import { PgNewsStore } from '../adapters/postgres/news.repo.ts';
import { PgAnalysisStore } from '../adapters/postgres/analysis.repo.ts';
import { PgTradingStore } from '../adapters/postgres/trading/trading-store.ts';
import { PgTradingStateStore } from '../adapters/postgres/trading/state.repo.ts';
import { PgCycleStore } from '../adapters/postgres/cycles.repo.ts';
import { PgReportingReader } from '../adapters/postgres/reporting.repo.ts';
import { PgServiceRunsStore } from '../adapters/postgres/service-runs.repo.ts';
import { RedisRateLimiter } from '../adapters/redis/redis-rate-limiter.ts';
import { RedisLock } from '../adapters/redis/redis-lock.ts';
import { PgFenceTokens } from '../adapters/postgres/fence.ts';
import { RedisLiveSummary } from '../adapters/redis/redis-live-summary.ts';
import { RedisJsonCache } from '../adapters/redis/redis-json-cache.ts';
import { systemClock } from '../adapters/clock/system-clock.ts';
import { isSameStory } from '../domain/news/similarity.ts';
import { PgDailyReports } from '../adapters/postgres/daily-reports.repo.ts';
import type { RunOutcome } from '../platform/handler.ts';

/**
 * The stores over a runtime's pool and Redis client: plain factories, so a function's bundle carries only
 * the stores it calls (scripts/bundle-contents.ts checks that read-only functions carry no writer).
 */
const prefix = (rt: Runtime) => rt.env.REDIS_KEY_PREFIX;
// A host may supply every store at once (RuntimeOverrides.stores: the in-memory world of a fast backtest).
const supplied = (rt: Runtime) => rt.overrides.stores;
export const newsStore = (rt: Runtime) => supplied(rt)?.news() ?? new PgNewsStore(rt.pool(), (a, b) => isSameStory(a, b));
export const analysisStore = (rt: Runtime) => supplied(rt)?.analysis() ?? new PgAnalysisStore(rt.pool());
export const tradingStore = (rt: Runtime) => supplied(rt)?.trading() ?? new PgTradingStore(rt.pool());
export const stateStore = (rt: Runtime) => supplied(rt)?.state() ?? new PgTradingStateStore(rt.pool());
export const cycleStore = (rt: Runtime) => supplied(rt)?.cycles() ?? new PgCycleStore(rt.pool());
export const reportingReader = (rt: Runtime) => supplied(rt)?.reporting() ?? new PgReportingReader(rt.pool());
export const runsStore = (rt: Runtime) => supplied(rt)?.runs() ?? new PgServiceRunsStore(rt.pool());
export const dailyReports = (rt: Runtime) => supplied(rt)?.dailyReports() ?? new PgDailyReports(rt.pool());
// Rate budgets are wall-clock budgets, whatever the trading clock says.
export const rateLimiter = (rt: Runtime) => supplied(rt)?.rateLimiter() ?? new RedisRateLimiter(rt.redis(), systemClock, prefix(rt));
export const tickLock = (rt: Runtime) => supplied(rt)?.tickLock() ?? new RedisLock(rt.redis(), prefix(rt), new PgFenceTokens(rt.pool()));
export const liveSummary = (rt: Runtime) => supplied(rt)?.liveSummary() ?? new RedisLiveSummary(rt.redis(), prefix(rt));
export const jsonCache = (rt: Runtime) => supplied(rt)?.jsonCache() ?? new RedisJsonCache(rt.redis(), rt.logger, prefix(rt));

/** A handler's `recordRun`: each run of a worker goes to service_runs (health's "last successful run"). */
export function recordRunFor(name: string, runtime: () => Runtime) {
  // The store's own promise, not an async wrapper around it (which would cost the handler's await extra turns).
  // A store that cannot be reached throws here, inside the handler's try, as its rejection would.
  return (_deps: unknown, outcome: RunOutcome): Promise<void> => runsStore(runtime()).record(name, outcome, Date.now());
}
