import type { Env } from '../config/env.schema.ts';
import type { Runtime } from './runtime.ts';
import { systemClock } from '../adapters/clock/system-clock.ts';
import { AlpacaClient } from '../adapters/alpaca/alpaca.client.ts';
import { AlpacaBroker } from '../adapters/alpaca/alpaca.broker.ts';
import { logUnmanagedOnce } from '../adapters/alpaca/alpaca.unmanaged.ts';
import { AlpacaMarketData } from '../adapters/alpaca/alpaca.market-data.ts';
import { RedisRateLimiter } from '../adapters/redis/redis-rate-limiter.ts';
import type { World } from './world-type.ts';

const buildAlpacaClient = (rt: Runtime): AlpacaClient => {
  const env = rt.env as Extract<Env, { TRADING_MODE: 'paper' | 'live' }>;
  return new AlpacaClient({
    keyId: env.APCA_API_KEY_ID,
    secretKey: env.APCA_API_SECRET_KEY,
    live: env.TRADING_MODE === 'live',
    ...(env.ALPACA_TRADING_BASE_URL ? { tradingBaseUrl: env.ALPACA_TRADING_BASE_URL } : {}),
    ...(env.ALPACA_DATA_BASE_URL ? { dataBaseUrl: env.ALPACA_DATA_BASE_URL } : {}),
    clock: systemClock,
    rateLimiter: new RedisRateLimiter(rt.redis(), systemClock, env.REDIS_KEY_PREFIX),
    logger: rt.logger,
    requestsPerMinute: { data: env.ALPACA_DATA_REQUESTS_PER_MINUTE },
  });
};

/** The runtime's Alpaca client (paper or live), built once: the broker, the market data and Alpaca News share it. */
export function alpacaClient(rt: Runtime): AlpacaClient {
  return rt.once(buildAlpacaClient);
}

const buildAlpacaMarketData = (rt: Runtime): AlpacaMarketData => new AlpacaMarketData(alpacaClient(rt), { feed: (rt.env as Extract<Env, { TRADING_MODE: 'paper' | 'live' }>).ALPACA_DATA_FEED });

/** Alpaca's market data alone (reporting/chart: no broker in its bundle), built once. */
export function alpacaMarketData(rt: Runtime): AlpacaMarketData {
  return rt.once(buildAlpacaMarketData);
}

/** Alpaca paper (default) or live (only with the validated confirmation): broker and market data. */
export function alpacaWorld(rt: Runtime, env: Extract<Env, { TRADING_MODE: 'paper' | 'live' }>): World {
  const client = alpacaClient(rt);
  return {
    mode: env.TRADING_MODE,
    clock: systemClock,
    broker: new AlpacaBroker(client, { onUnmanaged: logUnmanagedOnce(rt.logger) }),
    marketData: alpacaMarketData(rt),
    newsSources: () => [],
    alpacaClient: client,
  };
}
