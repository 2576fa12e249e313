import type { Redis } from '@upstash/redis';
import type { JsonCache } from '../../ports/json-cache.port.ts';
import type { Logger } from '../../platform/logger.ts';

/** JSON values in Redis with a TTL; Redis being down only makes reads slower. */
export class RedisJsonCache implements JsonCache {
  constructor(
    private readonly redis: Redis,
    private readonly log: Logger,
    private readonly prefix = 'catalyst:',
  ) {}

  async getOrCompute<T>(key: string, ttlSeconds: number, compute: () => Promise<T>): Promise<T> {
    const k = `${this.prefix}cache:${key}`;
    try {
      const hit = await this.redis.get<string>(k);
      if (hit !== null && hit !== undefined) return JSON.parse(hit) as T;
    } catch (e) {
      this.log.warn('cache read failed; computing', { key, error: e });
    }
    const value = await compute();
    await this.redis.set(k, JSON.stringify(value), { ex: ttlSeconds }).catch((e: unknown) => this.log.warn('cache write failed', { key, error: e }));
    return value;
  }
}

/** No cache (tests, backtests). */
export const noCache: JsonCache = { getOrCompute: (_k, _t, compute) => compute() };
