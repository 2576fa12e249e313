import type { Redis } from '@upstash/redis';
import type { Lock, LockLease } from '../../ports/lock.port.ts';
import { registerScript } from './local-endpoint/memory-backend.ts';

// Compare-and-delete / compare-and-expire: only the holder of `token` may release or extend.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

type Db = Parameters<Parameters<typeof registerScript>[1]>[0];
const holds = (db: Db, key: string, token: string) => {
  const exp = db.expires.get(key);
  if (exp !== undefined && exp <= db.now()) {
    db.data.delete(key);
    db.expires.delete(key);
  }
  return db.data.get(key) === token;
};
registerScript(RELEASE, (db, [key], [token]) => (holds(db, key!, token!) ? (db.data.delete(key!), db.expires.delete(key!), 1) : 0));
registerScript(EXTEND, (db, [key], [token, ttl]) => (holds(db, key!, token!) ? (db.expires.set(key!, db.now() + Number(ttl)), 1) : 0));

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
      extend: async (ms) => (await this.redis.eval(EXTEND, [key], [String(token), String(ms)])) === 1,
      release: async () => (await this.redis.eval(RELEASE, [key], [String(token)])) === 1,
    };
  }
}
