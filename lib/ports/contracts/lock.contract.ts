import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lock } from '../lock.port.ts';

/** A lock under test and the means to lose its leases and to let its time pass. */
export interface LockWorld {
  lock: Lock;
  /** Loses every lease, as a flushed Redis does (the fencing tokens survive); returns the lock to use next. */
  loseLeases(): Promise<Lock>;
  /** Lets at least `ms` pass on the clock the lock's leases run on. */
  wait(ms: number): Promise<void>;
  close(): Promise<void>;
}

let names = 0;
// Unique per scenario, so implementations sharing one store (a Redis) never see each other's locks.
const fresh = (what: string) => `${what}-${process.pid}-${++names}-${Date.now().toString(36)}`;

/** The Lock contract (leases, fencing tokens, extend and release): every implementation must pass it. */
export function lockContract(name: string, open: () => Promise<LockWorld>): void {
  describe(`Lock contract: ${name}`, () => {
    let world: LockWorld;
    beforeAll(async () => {
      world = await open();
    });
    afterAll(() => world.close());

    it('hands_out_growing_tokens_after_the_leases_were_lost', async () => {
      const lockName = fresh('flushed');
      const first = (await world.lock.acquire(lockName, 5000))!;
      const lock = await world.loseLeases();
      const second = (await lock.acquire(lockName, 5000))!;
      expect(second.token).toBeGreaterThan(first.token);
      expect(await first.release()).toBe(false);
      expect(await second.release()).toBe(true);
    });

    it('leases_for_the_ttl_it_was_asked_for', async () => {
      const lockName = fresh('lease');
      const lease = (await world.lock.acquire(lockName, 3000))!;
      expect(lease.name).toBe(lockName);
      expect(await world.lock.acquire(lockName, 3000)).toBeNull();
      expect(await lease.extend(60_000)).toBe(true);
      expect(await lease.release()).toBe(true);
      expect(await lease.release()).toBe(false);
      const short = (await world.lock.acquire(lockName, 40))!;
      await world.wait(80);
      const next = await world.lock.acquire(lockName, 5000);
      expect(next!.token).toBeGreaterThan(short.token);
      await next!.release();
    });

    it('lets_one_holder_in_and_hands_out_growing_fencing_tokens', async () => {
      const lockName = fresh('tick');
      const [a, b] = await Promise.all([world.lock.acquire(lockName, 5000), world.lock.acquire(lockName, 5000)]);
      const held = [a, b].filter((x) => x !== null);
      expect(held).toHaveLength(1);
      expect(await held[0]!.release()).toBe(true);
      const c = await world.lock.acquire(lockName, 5000);
      expect(c!.token).toBeGreaterThan(held[0]!.token);
      await c!.release();
    });

    it('refuses_release_and_extend_by_a_holder_that_lost_the_lock', async () => {
      const lockName = fresh('lost');
      const first = (await world.lock.acquire(lockName, 40))!;
      await world.wait(80);
      const second = (await world.lock.acquire(lockName, 5000))!;
      expect(second).not.toBeNull();
      expect(await first.extend(5000)).toBe(false);
      expect(await first.release()).toBe(false);
      expect(await second.extend(5000)).toBe(true);
      expect(await second.release()).toBe(true);
    });

    it('takes_a_lapsed_lease_back_under_the_same_token_when_no_one_took_it', async () => {
      const lockName = fresh('stalled');
      const stalled = (await world.lock.acquire(lockName, 40))!;
      await world.wait(80);
      expect(await stalled.extend(5000)).toBe(true);
      expect(await world.lock.acquire(lockName, 5000)).toBeNull();
      expect(await stalled.release()).toBe(true);
      const next = (await world.lock.acquire(lockName, 5000))!;
      expect(next.token).toBeGreaterThan(stalled.token);
      await next.release();
    });
  });
}
