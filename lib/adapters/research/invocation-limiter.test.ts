import { describe, expect, it } from 'vitest';
import { invocationLimiter } from './invocation-limiter.ts';

/** A clock the test moves: `sleep` resolves when `advance` passes its time. */
function manualClock() {
  let t = 0;
  const sleepers: { until: number; wake: () => void }[] = [];
  return {
    now: () => t,
    sleep: (ms: number) => new Promise<void>((wake) => sleepers.push({ until: t + ms, wake })),
    async advance(ms: number) {
      t += ms;
      for (const s of sleepers.splice(0)) if (s.until <= t) s.wake();
      else sleepers.push(s);
      for (let i = 0; i < 20; i++) await Promise.resolve();
    },
  };
}
const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe('invocation limiter (the namespace limits, client side)', () => {
  it('never_has_more_in_flight_than_allowed_and_starts_the_next_as_one_ends', async () => {
    const clock = manualClock();
    const limiter = invocationLimiter({ concurrent: 3, perMinute: 600 }, clock);
    let inFlight = 0;
    let peak = 0;
    const ends: (() => void)[] = [];
    const runs = Array.from({ length: 7 }, () =>
      limiter.run(async () => {
        peak = Math.max(peak, ++inFlight);
        await new Promise<void>((r) => ends.push(r));
        inFlight--;
      }),
    );
    await settle();
    expect(inFlight).toBe(3);
    while (ends.length) {
      ends.shift()!();
      await settle();
    }
    await Promise.all(runs);
    expect(peak).toBe(3);
  });

  it('holds_the_starts_past_the_minute_budget_until_the_oldest_start_is_a_minute_old', async () => {
    const clock = manualClock();
    const limiter = invocationLimiter({ concurrent: 10, perMinute: 4 }, clock);
    const startedAt: number[] = [];
    const runs = Array.from({ length: 6 }, () => limiter.run(async () => void startedAt.push(clock.now())));
    await settle();
    expect(startedAt).toEqual([0, 0, 0, 0]);
    await clock.advance(59_999);
    expect(startedAt).toHaveLength(4);
    await clock.advance(2);
    await settle();
    await Promise.all(runs);
    expect(startedAt).toEqual([0, 0, 0, 0, 60_001, 60_001]);
    expect(limiter.state().startedLastMinute).toBe(2);
  });

  it('names_a_limit_that_is_not_a_positive_whole_number', () => {
    expect(() => invocationLimiter({ concurrent: 0, perMinute: 600 }, manualClock())).toThrow(/concurrent must be a whole number >= 1 \(got 0\)/);
  });
});
