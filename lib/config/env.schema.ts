import * as z from 'zod/mini';
import { int, nonEmpty, num } from './sections/shared.ts';
import { dashboardEnv, functionsEnv, notifyEnv, riskEnv, scheduleEnv, universeEnv } from './sections/operations.ts';
import { newsSourcesEnvShape } from './sections/news-sources.ts';
import { strategyEnv } from './sections/strategy.ts';

/**
 * The environment, as one schema discriminated on TRADING_MODE. Every variable here is documented
 * in `.env.example` with its default (a test keeps the two in step).
 */

/** Variables every mode understands. */
const common = {
  LOG_LEVEL: z._default(z.enum(['debug', 'info', 'warn', 'error']), 'info'),
  /** Postgres connection string; unset in sim/backtest means embedded Postgres (PGlite). */
  DATABASE_URL: z.optional(z.url({ protocol: /^postgres(ql)?$/ })),
  /** PEM of the CA that signed the database's certificate (DigitalOcean managed Postgres). */
  DATABASE_CA_CERT: z.optional(nonEmpty),
  /** Connections per warm container; keep small: PgBouncer multiplexes them. */
  DATABASE_POOL_MAX: z._default(int(1, 20), 3),
  UPSTASH_REDIS_REST_URL: z.optional(z.url({ protocol: /^https?$/ })),
  UPSTASH_REDIS_REST_TOKEN: z.optional(nonEmpty),
  /** Prefix of every Redis key, so several deployments can share one database. */
  REDIS_KEY_PREFIX: z._default(z.string().check(z.regex(/^[A-Za-z0-9:_-]{1,40}$/)), 'catalyst:'),
  /** Name the local runtime uses in URLs (`/api/v1/web/<namespace>/...`). */
  CATALYST_NAMESPACE: z._default(z.string().check(z.regex(/^[a-z0-9_-]{1,63}$/)), 'catalyst'),
  /** Seconds after which health calls a service's last successful run stale. */
  HEALTH_STALE_AFTER_SECONDS: z._default(int(30, 86_400), 900),
  /** Local runtime (`npm start`) only: the port it serves functions and the dashboard on. */
  LOCAL_PORT: z._default(int(0, 65_535), 8080),
  /** Local runtime only: the redis-server behind the local Upstash-compatible endpoint. */
  LOCAL_REDIS_URL: z._default(z.url({ protocol: /^redis$/ }), 'redis://127.0.0.1:6379'),
  /** Local runtime only: where embedded Postgres keeps its files (git-ignored). */
  LOCAL_DATA_DIR: z._default(nonEmpty, '.data'),
  ...scheduleEnv,
  ...universeEnv,
  ...riskEnv,
  ...strategyEnv,
  ...notifyEnv,
  ...dashboardEnv,
  ...functionsEnv,
};

const alpaca = {
  APCA_API_KEY_ID: nonEmpty,
  APCA_API_SECRET_KEY: nonEmpty,
  /** Market data feed: iex (free) or sip (paid subscription). */
  ALPACA_DATA_FEED: z._default(z.enum(['iex', 'sip']), 'iex'),
  /** Overrides of Alpaca's hosts, e.g. the local simulator facade (`npm run sim:alpaca`). */
  ALPACA_TRADING_BASE_URL: z.optional(z.url({ protocol: /^https?$/ })),
  ALPACA_DATA_BASE_URL: z.optional(z.url({ protocol: /^https?$/ })),
  /** 200 on the free plan, 10,000 on Algo Trader Plus. */
  ALPACA_DATA_REQUESTS_PER_MINUTE: z._default(int(1, 10_000), 200),
  ...newsSourcesEnvShape,
};

const deployed = {
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  UPSTASH_REDIS_REST_URL: z.url({ protocol: /^https?$/ }),
  UPSTASH_REDIS_REST_TOKEN: nonEmpty,
  DASHBOARD_PASSWORD_HASH: dashboardEnv.DASHBOARD_PASSWORD_HASH.def.innerType,
  AUTH_TOKEN_SECRET: dashboardEnv.AUTH_TOKEN_SECRET.def.innerType,
};

const simulated = {
  /** Seed of the simulated market: the same seed replays the same prices and news. */
  SIM_SEED: z._default(int(0, 2 ** 31 - 1), 42),
  /** Number of symbols in the simulated universe. */
  SIM_SYMBOLS: z._default(int(1, 20_000), 50),
  /** News per symbol relative to a real market's (1); more news makes a livelier demo. */
  SIM_NEWS_RATE: z._default(num(0, 50), 4),
};

export const SimEnvSchema = z.object({
  TRADING_MODE: z.literal('sim'),
  ...common,
  ...simulated,
  /**
   * `npm start`'s market gets five times the backtest's default news: at 4, 50 symbols carry a dozen stories a
   * day, mostly before the open, and a first run could go a whole session without a setup to confirm one.
   */
  SIM_NEWS_RATE: z._default(num(0, 50), 20),
  /**
   * `npm start`'s universe is three times the backtest's: with 50 symbols some sessions have no setup for hours
   * (seed 42: none through 14:20 on 2026-11-18, the first at 11:56 on 2026-12-07); with 150 the first entry came
   * 16-21 simulated minutes after 09:20 on each day tried (test/first-trade.e2e.test.ts). A stored simulation
   * keeps its own size when this is not set (scheduler/local-system.ts).
   */
  SIM_SYMBOLS: z._default(int(1, 20_000), 150),
  /**
   * How many simulated seconds pass per real second in `npm start` (1 = real time). 60, a minute a second: with
   * the defaults the first entries of a session come one to three simulated hours after the open, which is a few
   * minutes of a newcomer's time rather than a quarter of an hour or more (test/first-trade.e2e.test.ts).
   */
  SIM_SPEED: z._default(num(0.001, 10_000), 60),
  /** When the simulated clock starts (ISO time); unset = the next session's 09:20 New York, or where it stopped. */
  SIM_START: z.optional(z.iso.datetime({ offset: true })),
});

export const PaperEnvSchema = z.object({ TRADING_MODE: z.literal('paper'), ...common, ...alpaca, ...deployed });

/** The exact sentence that must be set to trade real money. */
export const LIVE_CONFIRMATION = 'I-ACCEPT-REAL-MONEY-RISK';

export const LiveEnvSchema = z.object({ TRADING_MODE: z.literal('live'), ...common, ...alpaca, ...deployed, LIVE_TRADING_CONFIRM: z.optional(z.string()) });

/** `npm run backtest`: stored history replayed as fast as the machine goes; SIM_* describe `--synthetic`'s market. */
export const BacktestEnvSchema = z.object({
  TRADING_MODE: z.literal('backtest'),
  ...common,
  ...simulated,
});

export const EnvSchema = z.discriminatedUnion('TRADING_MODE', [SimEnvSchema, PaperEnvSchema, LiveEnvSchema, BacktestEnvSchema]);

export type Env = z.infer<typeof EnvSchema>;
export type TradingMode = Env['TRADING_MODE'];
export const TRADING_MODES: readonly TradingMode[] = ['sim', 'paper', 'live', 'backtest'];

/** Every variable name any mode reads, for documentation checks. */
export function allEnvKeys(): string[] {
  const keys = new Set<string>();
  for (const schema of [SimEnvSchema, PaperEnvSchema, LiveEnvSchema, BacktestEnvSchema]) {
    for (const k of Object.keys(schema.shape)) keys.add(k);
  }
  return [...keys].sort();
}
