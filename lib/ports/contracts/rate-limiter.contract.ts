import { describe, expect, it } from 'vitest';
import type { Clock } from '../clock.port.ts';
import type { RateLimiter } from '../rate-limiter.port.ts';

const spec = { capacity: 200, refillPerSecond: 200 / 60 };
let buckets = 0;
// Unique per scenario, so implementations sharing one store (a Redis) never see each other's buckets.
const fresh = (what: string) => `${what}-${process.pid}-${++buckets}-${Date.now().toString(36)}`;

/** The RateLimiter contract (token buckets on the caller's clock): every implementation must pass it. */
export function rateLimiterContract(name: string, make: (clock: Clock) => RateLimiter): void {
  describe(`RateLimiter contract: ${name}`, () => {
    it('allows_the_capacity_then_refuses_with_the_wait_until_a_token_refills', async () => {
      let now = 1_000_000;
      const rl = make({ now: () => now });
      const bucket = fresh('alpaca');
      const results = [];
      for (let i = 0; i < 200; i++) results.push(await rl.take(bucket, spec));
      expect(results.every((r) => r.allowed)).toBe(true);
      expect(results.at(-1)!.remaining).toBe(0);
      const refused = await rl.take(bucket, spec);
      expect(refused).toEqual({ allowed: false, remaining: 0, retryAfterMs: 300 });
      now += 300;
      expect((await rl.take(bucket, spec)).allowed).toBe(true);
      now += 60_000;
      expect(await rl.peek(bucket, spec)).toBe(200);
    });

    it('shares_one_budget_between_concurrent_takers', async () => {
      const rl = make({ now: () => 5_000_000 });
      const bucket = fresh('shared');
      const small = { capacity: 10, refillPerSecond: 0 };
      const outcomes = await Promise.all(Array.from({ length: 25 }, () => rl.take(bucket, small)));
      expect(outcomes.filter((o) => o.allowed)).toHaveLength(10);
      expect(outcomes.find((o) => !o.allowed)!.retryAfterMs).toBe(Number.POSITIVE_INFINITY);
    });

    it('takes_a_cost_of_several_tokens_and_peeks_without_taking', async () => {
      const now = 7_000_000;
      const rl = make({ now: () => now });
      const bucket = fresh('quota');
      const daily = { capacity: 25, refillPerSecond: 25 / 86_400 };
      expect(await rl.take(bucket, daily, 10)).toEqual({ allowed: true, remaining: 15, retryAfterMs: 0 });
      expect(await rl.peek(bucket, daily)).toBe(15);
      expect(await rl.peek(bucket, daily)).toBe(15);
      const refused = await rl.take(bucket, daily, 20);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterMs).toBe(Math.ceil(5 / (25 / 86_400_000)));
      expect(await rl.peek(fresh('untouched'), daily)).toBe(25);
    });
  });
}
