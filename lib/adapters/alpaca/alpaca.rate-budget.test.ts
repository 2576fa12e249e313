import { describe, expect, it } from 'vitest';
import { HostRateBudget } from './alpaca.rate-budget.ts';
import { InProcessRateLimiter } from '../redis/redis-rate-limiter.ts';
import type { RateLimiter } from '../../ports/rate-limiter.port.ts';

function budget(perMinute: number) {
  const clock = { now: () => 1_700_000_000_000 };
  const inner = new InProcessRateLimiter(clock);
  const takes: number[] = [];
  const limiter: RateLimiter = {
    take: (bucket, spec, cost = 1) => (takes.push(cost), inner.take(bucket, spec, cost)),
    peek: (bucket, spec) => inner.peek(bucket, spec),
  };
  const b = new HostRateBudget({ limiter, clock, sleep: async () => undefined, perMinute, maxWaitMs: 0, prefix: 'alpaca:' });
  return { b, takes, left: () => inner.peek('alpaca:paper-api', { capacity: perMinute, refillPerSecond: perMinute / 60 }) };
}

describe('Alpaca request budget', () => {
  it('takes_the_tokens_of_concurrent_requests_in_one_command', async () => {
    const { b, takes, left } = budget(200);
    const got = await Promise.all([1, 2, 3, 4, 5].map(() => b.acquire('paper-api')));
    expect(takes).toEqual([5]);
    expect(got.sort((x, y) => x - y)).toEqual([195, 196, 197, 198, 199]);
    expect(await left()).toBe(195);
  });

  it('falls_back_to_one_token_each_when_the_bucket_cannot_serve_the_batch', async () => {
    const { b, takes } = budget(3);
    const out = await Promise.allSettled([1, 2, 3, 4].map(() => b.acquire('paper-api')));
    expect(takes).toEqual([4, 1, 1, 1, 1]);
    expect(out.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect(out.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(['RATE_LIMITED']);
  });
});
