import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { InProcessRateLimiter } from '../redis/redis-rate-limiter.ts';
import { InMemoryNewsStateStore } from './news-state.store.ts';
import { manualClock } from './news-test-kit.ts';
import { SourceGuard, throttleOf, withDefaults, type SourceBudget } from './source-guard.ts';

const T0 = Date.UTC(2026, 10, 20, 14, 0, 0);
const ROOMY: SourceBudget = { label: 'rate limit', bucket: 'test:rate', spec: { capacity: 100, refillPerSecond: 100 } };

function guard(budgets: SourceBudget[] = [ROOMY]) {
  const clock = manualClock(T0);
  const store = new InMemoryNewsStateStore(clock);
  const limiter = new InProcessRateLimiter(clock);
  const g = new SourceGuard('test', budgets, { clock, store, limiter, sleep: async () => {} }, { baseMs: 30_000, maxMs: 120_000 });
  return { g, clock, store, limiter };
}

const unavailable = () => Promise.reject(new AppError('DEPENDENCY_UNAVAILABLE', 'test: HTTP 503'));

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return throttleOf(e);
  }
  throw new Error('expected a refusal');
}

describe('SourceGuard', () => {
  it('doubles_the_backoff_after_each_failure_up_to_its_cap_and_clears_it_on_success', async () => {
    const { g, clock } = guard();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      await expect(g.run(unavailable)).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
      const t = await refusal(g.run(async () => 'called'));
      waits.push(t!.until - clock.now());
      clock.advance(t!.until - clock.now());
    }
    expect(waits).toEqual([30_000, 60_000, 120_000, 120_000]);
    expect(await g.run(async () => 'called')).toBe('called');
    await expect(g.run(unavailable)).rejects.toThrow();
    expect((await refusal(g.run(async () => 'x')))!.until - clock.now()).toBe(30_000);
  });

  it('waits_at_least_as_long_as_the_server_asked', async () => {
    const { g, clock } = guard();
    await expect(g.run(() => Promise.reject(new AppError('RATE_LIMITED', 'slow down', { retryAfterSeconds: 600 })))).rejects.toThrow('slow down');
    expect(await refusal(g.run(async () => 'x'))).toEqual({ reason: 'backoff', until: clock.now() + 600_000 });
  });

  it('calls_the_source_when_its_backoff_record_is_corrupt', async () => {
    const { g, store } = guard();
    await store.set('backoff:test', '{"failures":"many"', 60_000);
    expect(await g.run(async () => 'called')).toBe('called');
    await store.set('backoff:test', JSON.stringify({ failures: 0, until: 'soon', code: 7 }), 60_000);
    expect(await g.run(async () => 'called')).toBe('called');
  });

  it('says_when_a_budget_never_refills', async () => {
    const { g } = guard([{ label: 'lifetime quota', bucket: 'test:once', spec: { capacity: 1, refillPerSecond: 0 } }]);
    expect(await g.run(async () => 'first')).toBe('first');
    const e = (await g.run(async () => 'second').catch((x: unknown) => x)) as AppError;
    expect(e.message).toBe('test: lifetime quota exhausted until further notice (the budget does not refill)');
    expect(e.details).toEqual({ source: 'test', reason: 'budget', until: null });
    expect(throttleOf(e)).toEqual({ reason: 'budget', until: Number.POSITIVE_INFINITY });
  });

  it('empties_only_the_quota_budgets_when_the_source_declares_its_quota_spent', async () => {
    const daily: SourceBudget = { label: 'daily quota', bucket: 'test:day', spec: { capacity: 25, refillPerSecond: 25 / 86_400 }, quota: true };
    const { g, limiter } = guard([ROOMY, daily]);
    await g.exhaust();
    expect(await limiter.peek('test:day', daily.spec)).toBe(0);
    expect(await limiter.peek('test:rate', ROOMY.spec)).toBe(100);
    const e = await refusal(g.run(async () => 'x'));
    expect(e).toMatchObject({ reason: 'budget' });
  });

  it('keeps_a_default_for_an_option_given_as_undefined', () => {
    const o = withDefaults<{ perDay?: number; name?: string }>({ perDay: 25, name: 'av' }, { perDay: undefined, name: 'x' });
    expect(o).toEqual({ perDay: 25, name: 'x' });
  });

  it('tells_its_refusals_apart_from_a_servers_429', () => {
    expect(throttleOf(new AppError('RATE_LIMITED', 'HTTP 429'))).toBeNull();
    expect(throttleOf(new Error('nope'))).toBeNull();
  });
});
