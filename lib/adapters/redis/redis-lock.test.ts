import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRedis } from '../../../test/support/redis.ts';
import { RedisLock } from './redis-lock.ts';
import { MemoryBackend } from './local-endpoint/memory-backend.ts';
import { startUpstashEndpoint, type RunningEndpoint } from './local-endpoint/server.ts';
import { createRedis } from './redis-client.ts';
import type { Lock } from '../../ports/lock.port.ts';

function scenarios(name: string, make: () => Lock) {
  describe(name, () => {
    it('lets_one_holder_in_and_hands_out_growing_fencing_tokens', async () => {
      const lock = make();
      const lockName = `tick-${Math.random().toString(36).slice(2)}`;
      const [a, b] = await Promise.all([lock.acquire(lockName, 5000), lock.acquire(lockName, 5000)]);
      const held = [a, b].filter((x) => x !== null);
      expect(held).toHaveLength(1);
      expect(await held[0]!.release()).toBe(true);
      const c = await lock.acquire(lockName, 5000);
      expect(c!.token).toBeGreaterThan(held[0]!.token);
      await c!.release();
    });

    it('refuses_release_and_extend_by_a_holder_that_lost_the_lock', async () => {
      const lock = make();
      const lockName = `lost-${Math.random().toString(36).slice(2)}`;
      const first = (await lock.acquire(lockName, 40))!;
      await new Promise((r) => setTimeout(r, 80));
      const second = (await lock.acquire(lockName, 5000))!;
      expect(second).not.toBeNull();
      expect(await first.extend(5000)).toBe(false);
      expect(await first.release()).toBe(false);
      expect(await second.extend(5000)).toBe(true);
      expect(await second.release()).toBe(true);
    });
  });
}

const { redis, prefix } = createTestRedis();
scenarios('RedisLock (real Redis)', () => new RedisLock(redis, prefix));
let mem: RunningEndpoint;
beforeAll(async () => {
  mem = await startUpstashEndpoint({ backend: new MemoryBackend(), token: 'm' });
});
afterAll(() => mem.close());
scenarios('RedisLock (in-memory backend)', () => new RedisLock(createRedis({ url: mem.url, token: 'm' }), prefix));
