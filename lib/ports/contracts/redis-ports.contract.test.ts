import { jsonCacheContract, liveSummaryContract } from './redis-ports.contract.ts';
import { createTestRedis } from '../../../test/support/redis.ts';
import { RedisJsonCache } from '../../adapters/redis/redis-json-cache.ts';
import { RedisLiveSummary } from '../../adapters/redis/redis-live-summary.ts';
import { MemoryJsonCache } from '../../adapters/memory/memory-json-cache.ts';
import { MemoryLiveSummary } from '../../adapters/memory/memory-live-summary.ts';
import { steppingClock } from '../../adapters/clock/stepping-clock.ts';
import { createLogger } from '../../platform/logger.ts';

const { redis } = createTestRedis();
// Redis expires keys on its own clock: waiting real time only ever waits longer, never too little.
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const quiet = createLogger({ level: 'error', sink: () => undefined });
const steps = () => {
  const clock = steppingClock(Date.parse('2026-11-23T14:30:00Z'));
  return { clock, wait: async (ms: number) => clock.set(clock.now() + ms) };
};

jsonCacheContract('RedisJsonCache (real Redis)', () => ({ store: new RedisJsonCache(redis, quiet, createTestRedis().prefix), wait: sleep }));
jsonCacheContract('MemoryJsonCache', () => {
  const { clock, wait } = steps();
  return { store: new MemoryJsonCache(clock), wait };
});
liveSummaryContract('RedisLiveSummary (real Redis)', () => ({ store: new RedisLiveSummary(redis, createTestRedis().prefix), wait: sleep }));
liveSummaryContract('MemoryLiveSummary', () => {
  const { clock, wait } = steps();
  return { store: new MemoryLiveSummary(clock), wait };
});
