import type { Clock } from '../../ports/clock.port.ts';
import type { JsonCache } from '../../ports/json-cache.port.ts';

interface Entry {
  json: string;
  expiresAt: number;
}

// Past this many entries a write also drops the expired ones, so a long backtest does not keep them all.
const SWEEP_ABOVE = 1_000;

/**
 * The JSON cache in memory (redis/redis-json-cache.ts): values kept as JSON text, so a hit is a fresh copy
 * exactly as Redis would return it; TTLs run on the injected clock.
 */
export class MemoryJsonCache implements JsonCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: Clock) {}

  async getOrCompute<T>(key: string, ttlSeconds: number, compute: () => Promise<T>): Promise<T> {
    const now = this.clock.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return JSON.parse(hit.json) as T;
    if (hit) this.entries.delete(key);
    const value = await compute();
    const json = JSON.stringify(value);
    // Redis refuses an expiry that is not a positive whole number of seconds and the adapter only logs it: nothing is cached then either.
    if (json !== undefined && Number.isInteger(ttlSeconds) && ttlSeconds > 0) {
      if (this.entries.size >= SWEEP_ABOVE) this.sweep(now);
      this.entries.set(key, { json, expiresAt: now + ttlSeconds * 1000 });
    }
    return value;
  }

  private sweep(now: number): void {
    for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
  }
}
