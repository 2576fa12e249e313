import type { Clock } from '../../ports/clock.port.ts';
import type { LiveSummaryStore } from '../../ports/live-summary.port.ts';
import { NOT_PLAIN, plainJsonCopy } from '../../platform/plain-json.ts';

// Redis holds up to 512 MB in a value.
const REDIS_VALUE_LIMIT_BYTES = 512 * 1024 * 1024;

/** What JSON's round trip of `value` gives: a copy made without printing the text when it is plain data. */
function jsonCopy(value: Record<string, unknown>): Record<string, unknown> {
  const plain = plainJsonCopy(value, REDIS_VALUE_LIMIT_BYTES);
  return plain === NOT_PLAIN ? (JSON.parse(JSON.stringify(value)) as Record<string, unknown>) : plain.copy;
}

/**
 * The live summary in memory (redis/redis-live-summary.ts): what Redis would hand back (the JSON text's value),
 * with a TTL on the injected clock. Kept as that value's copy, not its text: a backtest writes one every tick
 * and printing it cost twice the copy; each read hands out a copy of its own.
 */
export class MemoryLiveSummary implements LiveSummaryStore {
  private stored: { summary: Record<string, unknown>; expiresAt: number } | null = null;

  constructor(private readonly clock: Clock) {}

  async write(summary: Record<string, unknown>, ttlSeconds: number): Promise<void> {
    // Redis refuses the same expiry with an error.
    if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new Error(`live summary ttlSeconds: expected a positive whole number of seconds, got ${ttlSeconds}`);
    this.stored = { summary: jsonCopy(summary), expiresAt: this.clock.now() + ttlSeconds * 1000 };
  }

  async read(): Promise<Record<string, unknown> | null> {
    if (!this.stored || this.stored.expiresAt <= this.clock.now()) return null;
    return jsonCopy(this.stored.summary);
  }
}
