import { describe, expect, it } from 'vitest';
import { createTestRedis } from '../../../test/support/redis.ts';
import { InMemoryNewsStateStore, RedisNewsStateStore, type NewsStateStore } from './news-state.store.ts';
import { manualClock } from './news-test-kit.ts';

function roundTrip(name: string, make: () => NewsStateStore) {
  it(`${name}_keeps_deletes_and_overwrites_values`, async () => {
    const store = make();
    expect(await store.get('backoff:x')).toBeNull();
    await store.set('backoff:x', '{"failures":1}', 60_000);
    expect(await store.get('backoff:x')).toBe('{"failures":1}');
    await store.set('backoff:x', '{"failures":2}', 60_000);
    expect(await store.get('backoff:x')).toBe('{"failures":2}');
    await store.delete('backoff:x');
    expect(await store.get('backoff:x')).toBeNull();
  });
}

describe('NewsStateStore', () => {
  const { redis, prefix } = createTestRedis();
  roundTrip('redis', () => new RedisNewsStateStore(redis, prefix));
  roundTrip('in_memory', () => new InMemoryNewsStateStore(manualClock(0)));

  it('in_memory_forgets_a_value_when_its_ttl_has_passed_on_the_given_clock', async () => {
    const clock = manualClock(1_000);
    const store = new InMemoryNewsStateStore(clock);
    await store.set('k', 'v', 500);
    clock.advance(499);
    expect(await store.get('k')).toBe('v');
    clock.advance(1);
    expect(await store.get('k')).toBeNull();
  });

  it('redis_keeps_values_under_its_prefix_with_an_expiry', async () => {
    await new RedisNewsStateStore(redis, prefix).set('sec-edgar:company-tickers', '{}', 60_000);
    const ttl = await redis.pttl(`${prefix}news:sec-edgar:company-tickers`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});
