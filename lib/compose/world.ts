import type { Broker } from '../ports/broker.port.ts';
import type { MarketData } from '../ports/market-data.port.ts';
import type { NewsSource } from '../ports/news-source.port.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { Env } from '../config/env.schema.ts';
import { AppError } from '../shared/errors.ts';
import { getEnv, getLogger, getPool, getRedis } from './runtime.ts';
import { systemClock } from '../adapters/clock/system-clock.ts';
import { createScaledClock } from '../adapters/clock/scaled-clock.ts';
import { createSyntheticMarket, type SyntheticMarket } from '../adapters/sim/market/synthetic-market.ts';
import { SimMarketData } from '../adapters/sim/sim-market-data.ts';
import { SimNewsSource } from '../adapters/sim/sim-news-source.ts';
import { SimBroker } from '../adapters/sim/broker/sim-broker.ts';
import { PostgresStateStore } from '../adapters/sim/broker/postgres-state-store.ts';
import { resolveSimBrokerConfig } from '../adapters/sim/broker/sim-broker-config.ts';
import { AlpacaClient } from '../adapters/alpaca/alpaca.client.ts';
import { AlpacaBroker } from '../adapters/alpaca/alpaca.broker.ts';
import { AlpacaMarketData } from '../adapters/alpaca/alpaca.market-data.ts';
import { AlpacaNewsSource } from '../adapters/alpaca/alpaca.news.ts';
import { RedisRateLimiter } from '../adapters/redis/redis-rate-limiter.ts';
import { createNewsSources, newsSourceSecrets } from '../adapters/news/news-sources.factory.ts';
import { RedisNewsStateStore } from '../adapters/news/news-state.store.ts';
import { registerSecrets } from '../platform/logger.ts';

/** The market the system trades in: broker, data, news and the clock they share. Only the wiring differs by mode. */
export interface World {
  mode: Env['TRADING_MODE'];
  clock: Clock;
  broker: Broker;
  marketData: MarketData;
  newsSources: NewsSource[];
  /** The synthetic market in sim (tests and tools read its ground truth). */
  market?: SyntheticMarket;
}

/**
 * The simulated clock shared by every function of the local runtime: `SIM_CLOCK` is
 * `<sim epoch ms>,<real epoch ms>,<speed>` (the simulated time at a real instant, and the speed), set by
 * `npm start`; `SIM_MARKET_START` is the first day of the synthetic market's history.
 */
export function simClockFromEnv(env: NodeJS.ProcessEnv = process.env): { clock: Clock; marketStart: string } {
  const raw = env.SIM_CLOCK;
  const start = env.SIM_MARKET_START;
  if (!raw || !start) {
    throw new AppError('CONFIG_INVALID', 'SIM_CLOCK and SIM_MARKET_START are not set: the simulated clock is shared by `npm start` (scheduler/start.ts)');
  }
  const [sim, real, speed] = raw.split(',').map(Number) as [number, number, number];
  if (![sim, real, speed].every(Number.isFinite) || speed <= 0) throw new AppError('CONFIG_INVALID', 'SIM_CLOCK must be "<sim ms>,<real ms>,<speed>"');
  return { clock: createScaledClock(sim, speed, real), marketStart: start };
}

let world: World | undefined;

/** Builds the world once per process. */
export function getWorld(): World {
  if (world) return world;
  const env = getEnv();
  if (env.TRADING_MODE === 'sim' || env.TRADING_MODE === 'backtest') {
    const { clock, marketStart } = simClockFromEnv();
    const market = createSyntheticMarket({ seed: env.SIM_SEED, start: marketStart, symbols: env.SIM_SYMBOLS, crypto: env.CRYPTO_ENABLED, newsRate: env.SIM_NEWS_RATE });
    const accountId = resolveSimBrokerConfig().accountId;
    world = {
      mode: env.TRADING_MODE,
      clock,
      broker: new SimBroker({ feed: market, clock, store: new PostgresStateStore(getPool(), accountId) }),
      marketData: new SimMarketData(market, clock),
      newsSources: [new SimNewsSource(market, clock)],
      market,
    };
    return world;
  }
  const redis = getRedis();
  const limiter = new RedisRateLimiter(redis, systemClock, env.REDIS_KEY_PREFIX);
  const client = new AlpacaClient({
    keyId: env.APCA_API_KEY_ID,
    secretKey: env.APCA_API_SECRET_KEY,
    live: env.TRADING_MODE === 'live',
    ...(env.ALPACA_TRADING_BASE_URL ? { tradingBaseUrl: env.ALPACA_TRADING_BASE_URL } : {}),
    ...(env.ALPACA_DATA_BASE_URL ? { dataBaseUrl: env.ALPACA_DATA_BASE_URL } : {}),
    clock: systemClock,
    rateLimiter: limiter,
    logger: getLogger(),
    requestsPerMinute: { data: env.ALPACA_DATA_REQUESTS_PER_MINUTE },
  });
  registerSecrets(newsSourceSecrets(env));
  const extra = createNewsSources(env, { fetch: globalThis.fetch, clock: systemClock, limiter, store: new RedisNewsStateStore(redis, env.REDIS_KEY_PREFIX) });
  world = {
    mode: env.TRADING_MODE,
    clock: systemClock,
    broker: new AlpacaBroker(client),
    marketData: new AlpacaMarketData(client, { feed: env.ALPACA_DATA_FEED }),
    newsSources: [new AlpacaNewsSource(client), ...extra],
  };
  return world;
}

/** Forgets the world (tests). */
export function resetWorld(): void {
  world = undefined;
}
