import type pg from 'pg';
import { loadConfig, modeBanner } from '../config/load-config.ts';
import type { Env } from '../config/env.schema.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { Invoker } from '../ports/invoker.port.ts';
import type { ReplayFeed } from '../adapters/replay/replay-feed.ts';
import type { TrialEngine } from '../ports/trial-invoker.port.ts';
import type { NewsAnalysisRecord } from '../ports/news-store.port.ts';
import type { NewsItem } from '../domain/news.ts';
import type { Asset } from '../domain/market.ts';
import type { SharedDetections } from '../app/research/shared-detections.ts';
import type { SharedTechnicals } from '../app/research/shared-technicals.ts';
import type { SharedScanInputs } from '../app/scan/scan-inputs.ts';
import type { StoreSet } from './store-set.ts';
import type { World } from './world-type.ts';
import { AppError } from '../shared/errors.ts';
import { createLogger, registerSecrets, type Logger } from '../platform/logger.ts';
import { createPool } from '../adapters/postgres/pool.ts';
import { createRedis, type Redis } from '../adapters/redis/redis-client.ts';

/** What a host chooses instead of the environment (the local runtime, a test, a benchmark, a backtest). */
export interface RuntimeOverrides {
  /** sim and backtest: the clock the host scales or steps (required in those modes). */
  clock?: Clock;
  /** sim: the first day of the synthetic market's history (chosen by `npm start`). */
  simMarketStart?: string;
  /** backtest: the stored history to replay. */
  replayFeed?: ReplayFeed;
  /** How the coordinator reaches the workers (in process, or the local runtime's invoke API). */
  invoker?: Invoker;
  /** Deployed: the platform's invoke API, from `provide-api-key` (__OW_API_HOST, __OW_API_KEY, __OW_NAMESPACE). */
  platformApi?: { host?: string; key?: string; namespace?: string };
  /** `npm start` run as separate processes: the local runtime's invoke API (CATALYST_LOCAL_API_URL/KEY). */
  localApi?: { url: string; key: string };
  logger?: Logger;
  /** Every store at once, instead of Postgres and Redis (the in-memory world of a fast backtest). */
  stores?: StoreSet;
  /** news/collect's item analysis shared across runs (optimiser trials of one worker); analyseItem otherwise. */
  newsAnalysis?: (item: NewsItem, assets: readonly Asset[]) => NewsAnalysisRecord;
  /** patterns/detect's detections shared across runs over one read-only history (optimiser trials of one worker); computed by each run otherwise. */
  sharedDetections?: SharedDetections;
  /** technical/signals' indicators and regime shared across runs over one read-only history (optimiser trials of one worker); computed by each run otherwise. */
  sharedTechnicals?: SharedTechnicals;
  /** scanner/scan's inputs shared across runs over one read-only history from the same start (optimiser trials of one worker); read by each run otherwise. */
  sharedScanInputs?: SharedScanInputs;
  /** research/trial: how this host runs a study's trials (default: lib/compose/research/trial-engine.ts over the process environment). */
  trialEngine?: TrialEngine;
  /**
   * sim and backtest: the simulated world, from a host that carries it (runBacktest). A deployed bundle leaves
   * the simulator out (bundle-target.ts) except where its host brings it: research/trial's backtests.
   */
  simWorld?: (rt: Runtime) => World;
  /**
   * A host whose clock is stepped (a backtest, a stepped test) and does not move while a tick runs: the limit of
   * each of the coordinator's worker calls, in ms of real time (25 s deployed and under `npm start`). Real-time
   * limits there only guard against a hang; a tight one would let the machine's load change the decisions.
   */
  workerCallTimeoutMs?: number;
  /** A pool the host already opened (the local runtime needs one before the clock exists); the host closes it. */
  pool?: pg.Pool;
}

/**
 * Everything a function builds from: the parsed environment, the host's overrides, and the clients, each
 * built on first use and shared by every function of this runtime. One per cold start when deployed; a host
 * may hold several side by side (two backtests in one process). No module-level state.
 */
export interface Runtime {
  readonly env: Env;
  readonly overrides: RuntimeOverrides;
  readonly logger: Logger;
  /** The Postgres pool (DATABASE_URL). */
  pool(): pg.Pool;
  /** The Redis client (UPSTASH_REDIS_REST_URL/TOKEN). */
  redis(): Redis;
  /** The value `make` builds for this runtime, built once (`make` is the key: pass a module-level function). */
  once<T>(make: (rt: Runtime) => T): T;
  /** Closes the clients (the pool) and forgets what was built. */
  close(): Promise<void>;
}

/** Builds a runtime from a parsed environment and the host's overrides; nothing connects until used. */
export function createRuntime(env: Env, overrides: RuntimeOverrides = {}): Runtime {
  registerSecrets([
    'APCA_API_SECRET_KEY' in env ? env.APCA_API_SECRET_KEY : undefined,
    env.UPSTASH_REDIS_REST_TOKEN,
    env.DATABASE_URL ? new URL(env.DATABASE_URL).password : undefined,
  ]);
  const logger = overrides.logger ?? createLogger({ level: env.LOG_LEVEL });
  if (env.TRADING_MODE === 'live') logger.warn(modeBanner(env));
  const built = new Map<(rt: Runtime) => unknown, unknown>();
  let pool: pg.Pool | undefined = overrides.pool;
  let redis: Redis | undefined;
  const rt: Runtime = {
    env,
    overrides,
    logger,
    pool() {
      if (!pool) {
        if (!env.DATABASE_URL) {
          throw new AppError('CONFIG_INVALID', 'DATABASE_URL is not set: `npm start` provides an embedded Postgres, deployments must set it');
        }
        pool = poolFor(env);
        pool.on('error', (err) => logger.warn('idle database connection failed', { error: err }));
      }
      return pool;
    },
    redis() {
      if (!redis) {
        if (!env.UPSTASH_REDIS_REST_URL || !env.UPSTASH_REDIS_REST_TOKEN) {
          throw new AppError('CONFIG_INVALID', 'UPSTASH_REDIS_REST_URL/TOKEN are not set: `npm start` provides a local endpoint, deployments must set them');
        }
        redis = createRedis({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN });
      }
      return redis;
    },
    once<T>(make: (r: Runtime) => T): T {
      if (!built.has(make)) built.set(make, make(rt));
      return built.get(make) as T;
    },
    async close() {
      built.clear();
      const p = pool === overrides.pool ? undefined : pool;
      pool = overrides.pool;
      redis = undefined;
      await p?.end().catch(() => undefined);
    },
  };
  return rt;
}

/** A Postgres pool as a runtime opens it (DATABASE_URL, its CA, DATABASE_POOL_MAX). */
export function poolFor(env: Env): pg.Pool {
  if (!env.DATABASE_URL) throw new AppError('CONFIG_INVALID', 'DATABASE_URL is not set: `npm start` provides an embedded Postgres, deployments must set it');
  return createPool({ url: env.DATABASE_URL, caCert: env.DATABASE_CA_CERT, max: env.DATABASE_POOL_MAX });
}

/** The deployed function's runtime: the platform's environment, parsed (one CONFIG_INVALID error listing every problem). */
export function runtimeFromProcessEnv(): Runtime {
  const raw = process.env;
  const localApi = raw.CATALYST_LOCAL_API_URL && raw.CATALYST_LOCAL_API_KEY ? { url: raw.CATALYST_LOCAL_API_URL, key: raw.CATALYST_LOCAL_API_KEY } : undefined;
  return createRuntime(loadConfig(raw), { platformApi: { host: raw.__OW_API_HOST, key: raw.__OW_API_KEY, namespace: raw.__OW_NAMESPACE }, localApi });
}
