import type { Redis } from '@upstash/redis';
import type { Clock } from '../../ports/clock.port.ts';
import type { BucketSpec, RateLimiter, TakeResult } from '../../ports/rate-limiter.port.ts';
import { RATE_TAKE } from './scripts.ts';
import { takeFromBucket, type BucketState } from '../../shared/token-bucket.ts';

/** Token buckets in Redis, shared by every function instance. */
export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly clock: Clock,
    private readonly prefix = 'catalyst:',
  ) {}

  async take(bucket: string, spec: BucketSpec, cost = 1): Promise<TakeResult> {
    const ttlMs = Math.ceil((spec.capacity / Math.max(spec.refillPerSecond, 1e-9)) * 1000) + 60_000;
    const [allowed, remaining, wait] = (await this.redis.eval(
      RATE_TAKE,
      [`${this.prefix}rl:${bucket}`],
      [spec.capacity, spec.refillPerSecond / 1000, this.clock.now(), cost, Math.min(ttlMs, 8 * 86_400_000)],
    )) as [number, number, number];
    return { allowed: allowed === 1, remaining, retryAfterMs: wait < 0 ? Number.POSITIVE_INFINITY : wait };
  }

  async peek(bucket: string, spec: BucketSpec): Promise<number> {
    return (await this.take(bucket, spec, 0)).remaining;
  }
}

/** The same buckets in one process (backtests and unit tests). */
export class InProcessRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, BucketState>();
  constructor(private readonly clock: Clock) {}

  async take(bucket: string, spec: BucketSpec, cost = 1): Promise<TakeResult> {
    const r = takeFromBucket(this.buckets.get(bucket), spec.capacity, spec.refillPerSecond / 1000, this.clock.now(), cost);
    this.buckets.set(bucket, r.state);
    return { allowed: r.allowed, remaining: r.remaining, retryAfterMs: r.waitMs < 0 ? Number.POSITIVE_INFINITY : r.waitMs };
  }

  async peek(bucket: string, spec: BucketSpec): Promise<number> {
    return (await this.take(bucket, spec, 0)).remaining;
  }
}
