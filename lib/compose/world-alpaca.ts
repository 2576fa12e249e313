import type { Env } from '../config/env.schema.ts';
import { getLogger, getRedis } from './runtime.ts';
import { systemClock } from '../adapters/clock/system-clock.ts';
import { AlpacaClient } from '../adapters/alpaca/alpaca.client.ts';
import { AlpacaBroker } from '../adapters/alpaca/alpaca.broker.ts';
import { logUnmanagedOnce } from '../adapters/alpaca/alpaca.unmanaged.ts';
import { AlpacaMarketData } from '../adapters/alpaca/alpaca.market-data.ts';
import { RedisRateLimiter } from '../adapters/redis/redis-rate-limiter.ts';
import type { World } from './world.ts';
import type { NewsSource } from '../ports/news-source.port.ts';

/** Alpaca paper (default) or live (only with the validated confirmation): broker and market data. */
export function alpacaWorld(env: Extract<Env, { TRADING_MODE: 'paper' | 'live' }>, news: (client: AlpacaClient) => NewsSource[]): World {
  const client = new AlpacaClient({
    keyId: env.APCA_API_KEY_ID,
    secretKey: env.APCA_API_SECRET_KEY,
    live: env.TRADING_MODE === 'live',
    ...(env.ALPACA_TRADING_BASE_URL ? { tradingBaseUrl: env.ALPACA_TRADING_BASE_URL } : {}),
    ...(env.ALPACA_DATA_BASE_URL ? { dataBaseUrl: env.ALPACA_DATA_BASE_URL } : {}),
    clock: systemClock,
    rateLimiter: new RedisRateLimiter(getRedis(), systemClock, env.REDIS_KEY_PREFIX),
    logger: getLogger(),
    requestsPerMinute: { data: env.ALPACA_DATA_REQUESTS_PER_MINUTE },
  });
  return {
    mode: env.TRADING_MODE,
    clock: systemClock,
    broker: new AlpacaBroker(client, { onUnmanaged: logUnmanagedOnce(getLogger()) }),
    marketData: new AlpacaMarketData(client, { feed: env.ALPACA_DATA_FEED }),
    newsSources: () => news(client),
  };
}
