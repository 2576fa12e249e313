import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRedis } from '../../../test/support/redis.ts';
import { RedisLock } from './redis-lock.ts';
import { MemoryBackend } from './local-endpoint/memory-backend.ts';
import { startUpstashEndpoint, type RunningEndpoint } from './local-endpoint/server.ts';
import { createRedis } from './redis-client.ts';
import type { Lock } from '../../ports/lock.port.ts';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { PgFenceTokens } from '../postgres/fence.ts';

function scenarios(name: string, make: () => Lock, flush: () => Promise<void>) {
  describe(name, () => {
    it('hands_out_growing_tokens_after_the_redis_keys_were_lost', async () => {
      const lock = make();
      const lockName = `flushed-${Math.random().toString(36).slice(2)}`;
      const first = (await lock.acquire(lockName, 5000))!;
      await flush();
      const second = (await lock.acquire(lockName, 5000))!;
      expect(second.token).toBeGreaterThan(first.token);
      expect(await first.release()).toBe(false);
      expect(await second.release()).toBe(true);
    });

    it('leases_for_the_ttl_it_was_asked_for', async () => {
      const lock = make();
      const lockName = `lease-${Math.random().toString(36).slice(2)}`;
      const lease = (await lock.acquire(lockName, 3000))!;
      expect(await lock.acquire(lockName, 3000)).toBeNull();
      expect(await lease.extend(60_000)).toBe(true);
      await lease.release();
    });

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
let db: TestDb;
let mem: RunningEndpoint;
beforeAll(async () => {
  db = await createTestDb();
  mem = await startUpstashEndpoint({ backend: new MemoryBackend(), token: 'm' });
});
afterAll(async () => {
  await mem.close();
  await db.drop();
});
const flushPrefix = (r: typeof redis) => async () => {
  const keys = await r.keys(`${prefix}*`);
  if (keys.length > 0) await r.del(...keys);
};
scenarios('RedisLock (real Redis)', () => new RedisLock(redis, prefix, new PgFenceTokens(db.pool)), flushPrefix(redis));
const memRedis = () => createRedis({ url: mem.url, token: 'm' });
scenarios('RedisLock (in-memory backend)', () => new RedisLock(memRedis(), prefix, new PgFenceTokens(db.pool)), () => flushPrefix(memRedis())());
