import type { Redis } from '@upstash/redis';
import type { FenceTokens, Lock, LockLease } from '../../ports/lock.port.ts';
import { LOCK_EXTEND, LOCK_RELEASE } from './scripts.ts';

/**
 * Redis lock: `SET NX PX`, released and extended by compare-and-set scripts. The fencing token comes from
 * `tokens` (Postgres), taken before the `SET` so that tokens grow in the order the lock is won; Redis only
 * holds the lease, which may be lost.
 */
export class RedisLock implements Lock {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly tokens: FenceTokens,
  ) {}

  async acquire(name: string, ttlMs: number): Promise<LockLease | null> {
    const key = `${this.prefix}lock:${name}`;
    // Held: no need to spend a token (the SET NX below is what decides).
    if ((await this.redis.exists(key)) === 1) return null;
    const token = await this.tokens.next(name);
    const ok = await this.redis.set(key, String(token), { nx: true, px: Math.max(1, Math.round(ttlMs)) });
    if (ok !== 'OK') return null;
    return {
      name,
      token,
      extend: async (ms) => (await this.redis.eval(LOCK_EXTEND, [key], [String(token), String(Math.max(1, Math.round(ms)))])) === 1,
      release: async () => (await this.redis.eval(LOCK_RELEASE, [key], [String(token)])) === 1,
    };
  }
}
