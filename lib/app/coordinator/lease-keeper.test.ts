import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LockLease } from '../../ports/lock.port.ts';
import { createLogger } from '../../platform/logger.ts';
import { LeaseKeepers } from './lease-keeper.ts';

/** A lease that records the time of each renewal and answers `held` (or fails when it is an error). */
function fakeLease(token: number, held: () => boolean | Error = () => true) {
  const renewedAt: number[] = [];
  const lease: LockLease = {
    name: 'tick',
    token,
    extend: async () => {
      renewedAt.push(Date.now());
      const h = held();
      if (h instanceof Error) throw h;
      return h;
    },
    release: async () => true,
  };
  return { lease, renewedAt };
}

describe('LeaseKeepers', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] }));
  afterEach(() => vi.useRealTimers());
  const keepers = () => new LeaseKeepers(createLogger({ sink: () => undefined }));

  it('renews_a_long_running_lease_every_third_of_it_and_stops_when_the_work_ends', async () => {
    const leases = keepers();
    const { lease, renewedAt } = fakeLease(1);
    const keeper = leases.keep(lease, 3_000);
    await vi.advanceTimersByTimeAsync(9_000);
    expect(renewedAt).toHaveLength(9);
    keeper.stop();
    await vi.advanceTimersByTimeAsync(9_000);
    expect(renewedAt).toHaveLength(9);
    expect(keeper.lost()).toBe(false);
  });

  it('first_renews_a_lease_kept_between_beats_within_a_third_of_it', async () => {
    const leases = keepers();
    // Another lease started the beat; this one is taken 700 ms into it.
    const first = leases.keep(fakeLease(1).lease, 3_000);
    await vi.advanceTimersByTimeAsync(700);
    first.stop();
    const t0 = Date.now();
    const { lease, renewedAt } = fakeLease(2);
    leases.keep(lease, 3_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(renewedAt[0]! - t0).toBeLessThanOrEqual(1_000);
    for (let i = 1; i < renewedAt.length; i++) expect(renewedAt[i]! - renewedAt[i - 1]!).toBeLessThanOrEqual(1_000);
  });

  it('keeps_one_timer_for_many_short_ticks_and_clears_it_on_the_first_beat_with_nothing_kept', async () => {
    const leases = keepers();
    const created = vi.spyOn(globalThis, 'setInterval');
    for (let i = 0; i < 1_000; i++) leases.keep(fakeLease(i).lease, 10_000).stop();
    expect(created).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(3_333);
    expect(vi.getTimerCount()).toBe(0);
    // The next lease starts the beat again.
    const { lease, renewedAt } = fakeLease(1_000);
    leases.keep(lease, 10_000);
    await vi.advanceTimersByTimeAsync(3_333);
    expect(renewedAt).toHaveLength(1);
    created.mockRestore();
  });

  it('beats_faster_for_a_shorter_lease_than_the_running_beat_was_set_for', async () => {
    const leases = keepers();
    const long = fakeLease(1);
    const short = fakeLease(2);
    leases.keep(long.lease, 9_000);
    leases.keep(short.lease, 900);
    await vi.advanceTimersByTimeAsync(900);
    expect(short.renewedAt).toHaveLength(3);
    expect(long.renewedAt).toHaveLength(3);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('marks_a_lease_lost_for_good_once_a_renewal_finds_it_taken_and_retries_one_that_errored', async () => {
    const leases = keepers();
    const answers: (boolean | Error)[] = [new Error('redis unreachable'), true, false, true];
    const { lease, renewedAt } = fakeLease(1, () => answers.shift()!);
    const keeper = leases.keep(lease, 300);
    await vi.advanceTimersByTimeAsync(200);
    expect(keeper.lost()).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(keeper.lost()).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(renewedAt).toHaveLength(3);
    expect(keeper.lost()).toBe(true);
  });

  it('keeps_renewing_the_other_leases_when_one_stops_and_a_stop_twice_changes_nothing', async () => {
    const leases = keepers();
    const [a, b, c] = [fakeLease(1), fakeLease(2), fakeLease(3)];
    const ka = leases.keep(a.lease, 3_000);
    leases.keep(b.lease, 3_000);
    const kc = leases.keep(c.lease, 3_000);
    ka.stop();
    ka.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    kc.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect([a.renewedAt.length, b.renewedAt.length, c.renewedAt.length]).toEqual([0, 2, 1]);
  });
});
