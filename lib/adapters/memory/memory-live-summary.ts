import type { Clock } from '../../ports/clock.port.ts';
import type { LiveSummaryStore } from '../../ports/live-summary.port.ts';

/** The live summary in memory (redis/redis-live-summary.ts): JSON text with a TTL on the injected clock. */
export class MemoryLiveSummary implements LiveSummaryStore {
  private stored: { json: string; expiresAt: number } | null = null;

  constructor(private readonly clock: Clock) {}

  async write(summary: Record<string, unknown>, ttlSeconds: number): Promise<void> {
    // Redis refuses the same expiry with an error.
    if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new Error(`live summary ttlSeconds: expected a positive whole number of seconds, got ${ttlSeconds}`);
    this.stored = { json: JSON.stringify(summary), expiresAt: this.clock.now() + ttlSeconds * 1000 };
  }

  async read(): Promise<Record<string, unknown> | null> {
    if (!this.stored || this.stored.expiresAt <= this.clock.now()) return null;
    return JSON.parse(this.stored.json) as Record<string, unknown>;
  }
}
