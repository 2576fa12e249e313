import type { NewsSource } from '../ports/news-source.port.ts';
import type { AlpacaClient } from '../adapters/alpaca/alpaca.client.ts';
import { getEnv, getRedis } from './runtime.ts';
import { getWorld, useNewsSources } from './world.ts';
import { systemClock } from '../adapters/clock/system-clock.ts';
import { AlpacaNewsSource } from '../adapters/alpaca/alpaca.news.ts';
import { RedisRateLimiter } from '../adapters/redis/redis-rate-limiter.ts';
import { createNewsSources, newsSourceSecrets } from '../adapters/news/news-sources.factory.ts';
import { RedisNewsStateStore } from '../adapters/news/news-state.store.ts';
import { registerSecrets } from '../platform/logger.ts';

/** Every configured news source: Alpaca News plus Alpha Vantage, NewsAPI, EDGAR and RSS when set (paper/live); the simulator's in sim. */
export function newsSources(): NewsSource[] {
  useNewsSources((client: AlpacaClient) => {
    const env = getEnv();
    if (env.TRADING_MODE !== 'paper' && env.TRADING_MODE !== 'live') return [];
    const redis = getRedis();
    registerSecrets(newsSourceSecrets(env));
    const extra = createNewsSources(env, {
      fetch: globalThis.fetch,
      clock: systemClock,
      limiter: new RedisRateLimiter(redis, systemClock, env.REDIS_KEY_PREFIX),
      store: new RedisNewsStateStore(redis, env.REDIS_KEY_PREFIX),
    });
    return [new AlpacaNewsSource(client), ...extra];
  });
  return getWorld().newsSources();
}
