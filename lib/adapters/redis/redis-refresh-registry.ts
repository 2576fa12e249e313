import type { Redis } from '@upstash/redis';
import type { RefreshRegistry } from '../../ports/auth.port.ts';

/** Live refresh tokens and revoked login families as Redis keys with their TTL; consuming deletes. */
export class RedisRefreshRegistry implements RefreshRegistry {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'catalyst:',
  ) {}

  async add(jti: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(`${this.prefix}refresh:${jti}`, '1', { ex: ttlSeconds });
  }

  async consume(jti: string): Promise<boolean> {
    return (await this.redis.del(`${this.prefix}refresh:${jti}`)) === 1;
  }

  async revokeFamily(family: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(`${this.prefix}revoked-login:${family}`, '1', { ex: ttlSeconds });
  }

  async isRevoked(family: string): Promise<boolean> {
    return (await this.redis.get(`${this.prefix}revoked-login:${family}`)) !== null;
  }
}
