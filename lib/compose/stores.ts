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
import { RedisLiveSummary } from '../adapters/redis/redis-live-summary.ts';
import { RedisJsonCache } from '../adapters/redis/redis-json-cache.ts';
import { systemClock } from '../adapters/clock/system-clock.ts';
import { sameStory } from '../app/news/analyse-item.ts';
import type { RunOutcome } from '../platform/handler.ts';

/** Every store, built once per process over the shared pool and Redis client. */
export function stores() {
  const pool = getPool();
  const redis = getRedis();
  const prefix = getEnv().REDIS_KEY_PREFIX;
  return {
    news: new PgNewsStore(pool, sameStory),
    analysis: new PgAnalysisStore(pool),
    trading: new PgTradingStore(pool),
    state: new PgTradingStateStore(pool),
    cycles: new PgCycleStore(pool),
    reader: new PgReportingReader(pool),
    runs: new PgServiceRunsStore(pool),
    // Rate budgets are wall-clock budgets, whatever the trading clock says.
    limiter: new RedisRateLimiter(redis, systemClock, prefix),
    lock: new RedisLock(redis, prefix),
    live: new RedisLiveSummary(redis, prefix),
    cache: new RedisJsonCache(redis, getLogger(), prefix),
  };
}

/** A handler's `recordRun`: each run of a worker goes to service_runs (health's "last successful run"). */
export function recordRunFor(name: string) {
  return async (deps: { runs: PgServiceRunsStore }, outcome: RunOutcome) => deps.runs.record(name, outcome, Date.now());
}
