import { afterAll, beforeAll } from 'vitest';
import { lockContract } from './lock.contract.ts';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { createTestRedis } from '../../../test/support/redis.ts';
import { RedisLock } from '../../adapters/redis/redis-lock.ts';
import { createRedis, type Redis } from '../../adapters/redis/redis-client.ts';
import { MemoryBackend } from '../../adapters/redis/local-endpoint/memory-backend.ts';
import { startUpstashEndpoint, type RunningEndpoint } from '../../adapters/redis/local-endpoint/server.ts';
import { PgFenceTokens } from '../../adapters/postgres/fence.ts';
import { MemoryLock } from '../../adapters/memory/memory-lock.ts';
import { MemoryFences } from '../../adapters/memory/memory-fences.ts';
import { steppingClock } from '../../adapters/clock/stepping-clock.ts';

const { redis, prefix } = createTestRedis();
let db: TestDb;
let endpoint: RunningEndpoint;
beforeAll(async () => {
  db = await createTestDb();
  endpoint = await startUpstashEndpoint({ backend: new MemoryBackend(), token: 'm' });
});
afterAll(async () => {
  await endpoint.close();
  await db.drop();
});

// Redis expires leases on its own clock: waiting real time only ever waits longer, never too little.
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const redisWorld = (client: () => Redis) => async () => {
  const lock = new RedisLock(client(), prefix, new PgFenceTokens(db.pool));
  return {
    lock,
    loseLeases: async () => {
      const keys = await client().keys(`${prefix}*`);
      if (keys.length > 0) await client().del(...keys);
      return lock;
    },
    wait: sleep,
    close: async () => undefined,
  };
};
lockContract('RedisLock (real Redis)', redisWorld(() => redis));
lockContract('RedisLock (in-memory Redis backend)', redisWorld(() => createRedis({ url: endpoint.url, token: 'm' })));
lockContract('MemoryLock', async () => {
  const clock = steppingClock(Date.parse('2026-11-23T14:30:00Z'));
  const fences = new MemoryFences();
  const lock = new MemoryLock(clock, fences);
  return {
    lock,
    // Every lease gone at once looks, to its holders, like every lease lapsed: a day later none is left.
    loseLeases: async () => (clock.set(clock.now() + 86_400_000), lock),
    wait: async (ms) => clock.set(clock.now() + ms),
    close: async () => undefined,
  };
});
