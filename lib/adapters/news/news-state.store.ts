import type { Redis } from '../redis/redis-client.ts';
import type { Clock } from '../../ports/clock.port.ts';

/**
 * Small pieces of source state that may be lost but should be shared by concurrent invocations: a
 * failing source's backoff, the SEC's CIK → ticker map. Values are strings; readers parse them.
 */
export interface NewsStateStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The state in one process (tests, backtests, a single local runtime), expiring by the given clock. */
export class InMemoryNewsStateStore implements NewsStateStore {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  constructor(private readonly clock: Clock) {}

  async get(key: string): Promise<string | null> {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return null;
    }
    return e.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: this.clock.now() + Math.max(1, Math.ceil(ttlMs)) });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }
}

/** The state in Redis (Upstash REST), shared by every function instance. */
export class RedisNewsStateStore implements NewsStateStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'catalyst:',
  ) {}

  async get(key: string): Promise<string | null> {
    const v = await this.redis.get<string>(`${this.prefix}news:${key}`);
    return typeof v === 'string' ? v : null;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(`${this.prefix}news:${key}`, value, { px: Math.max(1, Math.ceil(ttlMs)) });
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(`${this.prefix}news:${key}`);
  }
}
