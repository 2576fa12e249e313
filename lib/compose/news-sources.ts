import type { NewsSource } from '../ports/news-source.port.ts';
import type { Runtime } from './runtime.ts';
import { getWorld } from './world.ts';
import { systemClock } from '../adapters/clock/system-clock.ts';
import { AlpacaNewsSource } from '../adapters/alpaca/alpaca.news.ts';
import { RedisRateLimiter } from '../adapters/redis/redis-rate-limiter.ts';
import { createNewsSources, newsSourceSecrets } from '../adapters/news/news-sources.factory.ts';
import { RedisNewsStateStore } from '../adapters/news/news-state.store.ts';
import { registerSecrets } from '../platform/logger.ts';

/** Every configured news source: Alpaca News plus Alpha Vantage, NewsAPI, EDGAR and RSS when set (paper/live); the simulator's in sim. */
export function newsSources(rt: Runtime): NewsSource[] {
  const world = getWorld(rt);
  const env = rt.env;
  if ((env.TRADING_MODE !== 'paper' && env.TRADING_MODE !== 'live') || !world.alpacaClient) return world.newsSources();
  const redis = rt.redis();
  registerSecrets(newsSourceSecrets(env));
  const extra = createNewsSources(env, {
    fetch: globalThis.fetch,
    clock: systemClock,
    limiter: new RedisRateLimiter(redis, systemClock, env.REDIS_KEY_PREFIX),
    store: new RedisNewsStateStore(redis, env.REDIS_KEY_PREFIX),
  });
  return [new AlpacaNewsSource(world.alpacaClient), ...extra];
}
