import * as z from 'zod/mini';
import type pg from 'pg';
import { AppError } from '../shared/errors.ts';
import { createLogger } from '../platform/logger.ts';
import { systemClock } from '../adapters/clock/system-clock.ts';
import { createPool } from '../adapters/postgres/pool.ts';
import { AlpacaClient } from '../adapters/alpaca/alpaca.client.ts';
import { createRedis } from '../adapters/redis/redis-client.ts';
import { InProcessRateLimiter, RedisRateLimiter } from '../adapters/redis/redis-rate-limiter.ts';

const envSchema = z.object({
  DATABASE_URL: z.string().check(z.minLength(1, 'DATABASE_URL is required: the history is stored in that database')),
  DATABASE_CA_CERT: z.optional(z.string()),
  APCA_API_KEY_ID: z.string().check(z.minLength(1, 'APCA_API_KEY_ID is required (market data needs your Alpaca keys)')),
  APCA_API_SECRET_KEY: z.string().check(z.minLength(1, 'APCA_API_SECRET_KEY is required')),
  ALPACA_DATA_BASE_URL: z.optional(z.url({ protocol: /^https?$/ })),
  ALPACA_TRADING_BASE_URL: z.optional(z.url({ protocol: /^https?$/ })),
  ALPACA_DATA_REQUESTS_PER_MINUTE: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(10_000)), 200),
  UPSTASH_REDIS_REST_URL: z.optional(z.url({ protocol: /^https?$/ })),
  UPSTASH_REDIS_REST_TOKEN: z.optional(z.string()),
  REDIS_KEY_PREFIX: z._default(z.string().check(z.regex(/^[A-Za-z0-9:_-]{1,40}$/)), 'catalyst:'),
});

/** What `npm run history:download` runs on. */
export interface HistoryDownloadWiring {
  client: AlpacaClient;
  pool: pg.Pool;
  /** Whether the request budget is shared through Redis with a running system. */
  sharedBudget: boolean;
  close(): Promise<void>;
}

const blankToUndefined = (env: NodeJS.ProcessEnv) => Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));

/**
 * The history download's clients from the environment: the same Alpaca client as the live adapters, its
 * per-host budget in Redis under the same key prefix as the running system (so both share Alpaca's
 * requests a minute), or in this process when no Redis is configured.
 */
export function historyDownloadWiring(env: NodeJS.ProcessEnv): HistoryDownloadWiring {
  const parsed = envSchema.safeParse(blankToUndefined(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('CONFIG_INVALID', `${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  const shared = e.UPSTASH_REDIS_REST_URL !== undefined && e.UPSTASH_REDIS_REST_TOKEN !== undefined;
  const rateLimiter = shared ? new RedisRateLimiter(createRedis({ url: e.UPSTASH_REDIS_REST_URL!, token: e.UPSTASH_REDIS_REST_TOKEN! }), systemClock, e.REDIS_KEY_PREFIX) : new InProcessRateLimiter(systemClock);
  const client = new AlpacaClient({
    keyId: e.APCA_API_KEY_ID,
    secretKey: e.APCA_API_SECRET_KEY,
    ...(e.ALPACA_DATA_BASE_URL ? { dataBaseUrl: e.ALPACA_DATA_BASE_URL } : {}),
    ...(e.ALPACA_TRADING_BASE_URL ? { tradingBaseUrl: e.ALPACA_TRADING_BASE_URL } : {}),
    clock: systemClock,
    rateLimiter,
    logger: createLogger({ level: 'error', secrets: [e.APCA_API_SECRET_KEY], sink: (line) => process.stderr.write(`${line}\n`) }),
    requestsPerMinute: { data: e.ALPACA_DATA_REQUESTS_PER_MINUTE },
    timeoutMs: 60_000,
    maxRateWaitMs: 20_000,
  });
  const pool = createPool({ url: e.DATABASE_URL, caCert: e.DATABASE_CA_CERT || undefined, max: 2, applicationName: 'catalyst-history-download' });
  return { client, pool, sharedBudget: shared, close: () => pool.end() };
}
