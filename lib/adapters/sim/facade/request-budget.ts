import type { FacadeResponse } from './http-kit.ts';

/** Alpaca's per-account request limit, as the facade enforces it. */
export interface FacadeRateLimit {
  /** Requests a minute per API key (Alpaca: 200 on the free plan, trading and data counted apart). */
  perMinute: number;
  /** Wall-clock milliseconds: a rate limit is real time even when the market's clock is simulated. */
  now: () => number;
}

const WINDOW_MS = 60_000;

/**
 * Alpaca's request limit per API key and host, in fixed one-minute windows: every answer carries
 * `X-RateLimit-Limit`, `-Remaining` and `-Reset` (unix seconds), and a request over the limit gets 429
 * `{"code":42910000,"message":"too many requests"}` and is not served.
 */
export class FacadeRequestBudget {
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(private readonly limit: FacadeRateLimit) {}

  /** Counts one request of `key`; returns the 429 to answer, or the headers to add to the real answer. */
  take(key: string): { refused: FacadeResponse } | { headers: Record<string, string> } {
    const now = this.limit.now();
    let w = this.windows.get(key);
    if (!w || now >= w.start + WINDOW_MS) this.windows.set(key, (w = { start: now - (now % WINDOW_MS), used: 0 }));
    const headers = (remaining: number) => ({
      'X-RateLimit-Limit': String(this.limit.perMinute),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Reset': String(Math.ceil((w.start + WINDOW_MS) / 1000)),
    });
    if (w.used >= this.limit.perMinute) return { refused: { status: 429, body: { code: 42910000, message: 'too many requests' }, headers: headers(0) } };
    w.used++;
    return { headers: headers(this.limit.perMinute - w.used) };
  }
}
