import { afterAll, beforeAll } from 'vitest';
import { rateLimiterContract } from './rate-limiter.contract.ts';
import { createTestRedis } from '../../../test/support/redis.ts';
import { InProcessRateLimiter, RedisRateLimiter } from '../../adapters/redis/redis-rate-limiter.ts';
import { MemoryBackend } from '../../adapters/redis/local-endpoint/memory-backend.ts';
import { startUpstashEndpoint, type RunningEndpoint } from '../../adapters/redis/local-endpoint/server.ts';
import { createRedis } from '../../adapters/redis/redis-client.ts';

const { redis, prefix } = createTestRedis();
let endpoint: RunningEndpoint;
beforeAll(async () => {
  endpoint = await startUpstashEndpoint({ backend: new MemoryBackend(), token: 'm' });
});
afterAll(() => endpoint.close());

rateLimiterContract('RedisRateLimiter (real Redis through the Upstash protocol)', (clock) => new RedisRateLimiter(redis, clock, prefix));
rateLimiterContract('RedisRateLimiter (in-memory Redis backend, TypeScript twin of the script)', (clock) => new RedisRateLimiter(createRedis({ url: endpoint.url, token: 'm' }), clock, prefix));
rateLimiterContract('InProcessRateLimiter (the memory world uses it)', (clock) => new InProcessRateLimiter(clock));
