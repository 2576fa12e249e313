import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createRedis, type Redis } from '../../lib/adapters/redis/redis-client.ts';

/** The real `@upstash/redis` client against the test endpoint, and a key prefix no other test uses. */
export function createTestRedis(): { redis: Redis; prefix: string; url: string; token: string } {
  const url = inject('redisRestUrl');
  const token = inject('redisRestToken');
  return { redis: createRedis({ url, token }), prefix: `test:${randomBytes(5).toString('hex')}:`, url, token };
}
