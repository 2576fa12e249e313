import type { Redis } from '@upstash/redis';
import type { Lock, LockLease } from '../../ports/lock.port.ts';
import { LOCK_EXTEND, LOCK_RELEASE } from './scripts.ts';

/** Redis lock: `SET NX PX` with a fencing token from `INCR`, released and extended by compare-and-set scripts. */
export class RedisLock implements Lock {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'catalyst:',
  ) {}

  async acquire(name: string, ttlMs: number): Promise<LockLease | null> {
    const key = `${this.prefix}lock:${name}`;
    const token = await this.redis.incr(`${key}:fence`);
    const ok = await this.redis.set(key, String(token), { nx: true, px: ttlMs });
    if (ok !== 'OK') return null;
    return {
      name,
      token,
      extend: async (ms) => (await this.redis.eval(LOCK_EXTEND, [key], [String(token), String(ms)])) === 1,
      release: async () => (await this.redis.eval(LOCK_RELEASE, [key], [String(token)])) === 1,
    };
  }
}
