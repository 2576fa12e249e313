import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRedis } from '../../../test/support/redis.ts';
import { InProcessRateLimiter, RedisRateLimiter } from './redis-rate-limiter.ts';
import { MemoryBackend } from './local-endpoint/memory-backend.ts';
import { startUpstashEndpoint, type RunningEndpoint } from './local-endpoint/server.ts';
import { createRedis } from './redis-client.ts';
import type { RateLimiter } from '../../ports/rate-limiter.port.ts';

const spec = { capacity: 200, refillPerSecond: 200 / 60 };

function scenario(name: string, make: (clock: { now(): number }) => RateLimiter) {
  describe(name, () => {
    it('allows_the_capacity_then_refuses_with_the_wait_until_a_token_refills', async () => {
      let now = 1_000_000;
      const rl = make({ now: () => now });
      const bucket = `alpaca-${Math.random().toString(36).slice(2)}`;
      const results = [];
      for (let i = 0; i < 200; i++) results.push(await rl.take(bucket, spec));
      expect(results.every((r) => r.allowed)).toBe(true);
      expect(results.at(-1)!.remaining).toBe(0);
      const refused = await rl.take(bucket, spec);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterMs).toBe(300);
      now += 300;
      expect((await rl.take(bucket, spec)).allowed).toBe(true);
      now += 60_000;
      expect(await rl.peek(bucket, spec)).toBe(200);
    });

    it('shares_one_budget_between_concurrent_takers', async () => {
      const rl = make({ now: () => 5_000_000 });
      const bucket = `shared-${Math.random().toString(36).slice(2)}`;
      const small = { capacity: 10, refillPerSecond: 0 };
      const outcomes = await Promise.all(Array.from({ length: 25 }, () => rl.take(bucket, small)));
      expect(outcomes.filter((o) => o.allowed)).toHaveLength(10);
      expect(outcomes.find((o) => !o.allowed)!.retryAfterMs).toBe(Number.POSITIVE_INFINITY);
    });
  });
}

const { redis, prefix } = createTestRedis();
scenario('RedisRateLimiter (real Redis through the Upstash protocol)', (clock) => new RedisRateLimiter(redis, clock, prefix));

let memoryEndpoint: RunningEndpoint;
beforeAll(async () => {
  memoryEndpoint = await startUpstashEndpoint({ backend: new MemoryBackend(), token: 'm' });
});
afterAll(() => memoryEndpoint.close());
scenario('RedisRateLimiter (in-memory backend, TypeScript twin of the script)', (clock) => new RedisRateLimiter(createRedis({ url: memoryEndpoint.url, token: 'm' }), clock, prefix));
scenario('InProcessRateLimiter', (clock) => new InProcessRateLimiter(clock));
