import type { Redis } from '@upstash/redis';
import type { LiveSummaryStore } from '../../ports/live-summary.port.ts';

/** The live summary as one JSON string in Redis, with a TTL so a dead coordinator's summary disappears. */
export class RedisLiveSummary implements LiveSummaryStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'catalyst:',
  ) {}

  async write(summary: Record<string, unknown>, ttlSeconds: number): Promise<void> {
    await this.redis.set(`${this.prefix}summary:live`, JSON.stringify(summary), { ex: ttlSeconds });
  }

  async read(): Promise<Record<string, unknown> | null> {
    const raw = await this.redis.get<string>(`${this.prefix}summary:live`);
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
  }
}
