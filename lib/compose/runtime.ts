import type pg from 'pg';
import { loadConfig, modeBanner } from '../config/load-config.ts';
import type { Env } from '../config/env.schema.ts';
import { AppError } from '../shared/errors.ts';
import { createLogger, registerSecrets, type Logger } from '../platform/logger.ts';
import { createPool } from '../adapters/postgres/pool.ts';
import { createRedis, type Redis } from '../adapters/redis/redis-client.ts';

/**
 * The one place that reads the environment and builds clients. Everything here is built once per process
 * (per warm container on DigitalOcean) and shared by every function in it.
 */
let env: Env | undefined;
let pool: pg.Pool | undefined;
let redis: Redis | undefined;
let logger: Logger | undefined;
let generation = 0;

/** Counts resetRuntime calls: handlers rebuild their dependencies when it changes. */
export function runtimeGeneration(): number {
  return generation;
}

/** A value built on first use and rebuilt after resetRuntime (clients of the old runtime are closed). */
export function perRuntime<T>(make: () => T): () => T {
  let built: { generation: number; value: T } | undefined;
  return () => {
    if (built?.generation !== generation) built = { generation, value: make() };
    return built.value;
  };
}

/** The validated environment; throws one CONFIG_INVALID error listing every problem. */
export function getEnv(): Env {
  if (!env) {
    const loaded = loadConfig(process.env);
    registerSecrets([
      'APCA_API_SECRET_KEY' in loaded ? loaded.APCA_API_SECRET_KEY : undefined,
      loaded.UPSTASH_REDIS_REST_TOKEN,
      loaded.DATABASE_URL ? new URL(loaded.DATABASE_URL).password : undefined,
    ]);
    env = loaded;
    if (loaded.TRADING_MODE === 'live') getLogger().warn(modeBanner(loaded));
  }
  return env;
}

/** A function's logger at the configured LOG_LEVEL (handlers take it when they are created). */
export function functionLogger(): Logger {
  return createLogger({ level: (process.env.LOG_LEVEL as Env['LOG_LEVEL'] | undefined) ?? 'info' });
}

export function getLogger(): Logger {
  logger ??= createLogger({ level: (process.env.LOG_LEVEL as Env['LOG_LEVEL'] | undefined) ?? 'info' });
  return logger;
}

/** The process's Postgres pool. */
export function getPool(): pg.Pool {
  if (!pool) {
    const e = getEnv();
    if (!e.DATABASE_URL) {
      throw new AppError('CONFIG_INVALID', 'DATABASE_URL is not set: `npm start` provides an embedded Postgres, deployments must set it');
    }
    pool = createPool({ url: e.DATABASE_URL, caCert: e.DATABASE_CA_CERT, max: e.DATABASE_POOL_MAX });
    pool.on('error', (err) => getLogger().warn('idle database connection failed', { error: err }));
  }
  return pool;
}

/** The process's Redis client. */
export function getRedis(): Redis {
  if (!redis) {
    const e = getEnv();
    if (!e.UPSTASH_REDIS_REST_URL || !e.UPSTASH_REDIS_REST_TOKEN) {
      throw new AppError('CONFIG_INVALID', 'UPSTASH_REDIS_REST_URL/TOKEN are not set: `npm start` provides a local endpoint, deployments must set them');
    }
    redis = createRedis({ url: e.UPSTASH_REDIS_REST_URL, token: e.UPSTASH_REDIS_REST_TOKEN });
  }
  return redis;
}

/** Forgets everything built (tests and the local runtime's restart). */
export async function resetRuntime(): Promise<void> {
  const { resetWorld } = await import('./world.ts');
  const { resetStores } = await import('./stores.ts');
  const { resetClock } = await import('./clock.ts');
  resetWorld();
  resetStores();
  resetClock();
  const p = pool;
  generation++;
  env = undefined;
  pool = undefined;
  redis = undefined;
  logger = undefined;
  await p?.end().catch(() => undefined);
}
