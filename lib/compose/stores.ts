import { getEnv, getLogger, getPool, getRedis } from './runtime.ts';
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
import type { RunOutcome } from '../platform/handler.ts';

/**
 * The stores, each built on first use over the process's pool and Redis client, so a function bundles and
 * builds only the ones it uses.
 */
const memo = <T>(make: () => T) => {
  let value: T | undefined;
  const get = () => (value ??= make());
  get.reset = () => (value = undefined);
  return get;
};

const prefix = () => getEnv().REDIS_KEY_PREFIX;
export const newsStore = memo(() => new PgNewsStore(getPool(), (a, b) => isSameStory(a, b)));
export const analysisStore = memo(() => new PgAnalysisStore(getPool()));
export const tradingStore = memo(() => new PgTradingStore(getPool()));
export const stateStore = memo(() => new PgTradingStateStore(getPool()));
export const cycleStore = memo(() => new PgCycleStore(getPool()));
export const reportingReader = memo(() => new PgReportingReader(getPool()));
export const runsStore = memo(() => new PgServiceRunsStore(getPool()));
// Rate budgets are wall-clock budgets, whatever the trading clock says.
export const rateLimiter = memo(() => new RedisRateLimiter(getRedis(), systemClock, prefix()));
export const tickLock = memo(() => new RedisLock(getRedis(), prefix(), new PgFenceTokens(getPool())));
export const liveSummary = memo(() => new RedisLiveSummary(getRedis(), prefix()));
export const jsonCache = memo(() => new RedisJsonCache(getRedis(), getLogger(), prefix()));

/** Forgets every store (tests). */
export function resetStores(): void {
  for (const m of [newsStore, analysisStore, tradingStore, stateStore, cycleStore, reportingReader, runsStore, rateLimiter, tickLock, liveSummary, jsonCache]) m.reset();
}

/** A handler's `recordRun`: each run of a worker goes to service_runs (health's "last successful run"). */
export function recordRunFor(name: string) {
  return async (_deps: unknown, outcome: RunOutcome) => runsStore().record(name, outcome, Date.now());
}
