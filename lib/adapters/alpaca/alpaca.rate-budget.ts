import { AppError } from '../../shared/errors.ts';
import type { Clock } from '../../ports/clock.port.ts';
import type { BucketSpec, RateLimiter } from '../../ports/rate-limiter.port.ts';
import type { EpochMs } from '../../domain/time.ts';

export interface RateBudgetOptions {
  limiter: RateLimiter;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** Requests a minute each host allows (Alpaca: 200 on trading and on the free data plan). */
  perMinute: number;
  /** Longest wait for a token before giving up with RATE_LIMITED. */
  maxWaitMs: number;
  /** Bucket names are `${prefix}${host}`. */
  prefix: string;
}

interface Waiter {
  resolve: (remaining: number) => void;
  reject: (e: unknown) => void;
}

interface ServerView {
  remaining: number;
  /** When Alpaca's window resets (epoch ms); the view is stale after it. */
  resetAt: EpochMs;
}

/**
 * Alpaca's per-host request budget, shared by every concurrent invocation through the RateLimiter port
 * (one token bucket per host). Alpaca's own `X-RateLimit-Remaining` wins when it is lower than ours:
 * the bucket is drained to match, so other invocations slow down too.
 */
export class HostRateBudget {
  private readonly spec: BucketSpec;
  private readonly server = new Map<string, ServerView>();
  /** Requests waiting for the next take, by host. */
  private readonly pending = new Map<string, Waiter[]>();

  constructor(private readonly o: RateBudgetOptions) {
    this.spec = { capacity: o.perMinute, refillPerSecond: o.perMinute / 60 };
  }

  /**
   * Takes one token for `host`, waiting up to maxWaitMs; returns the tokens left. Throws RATE_LIMITED.
   * Requests started together (reconcile's five concurrent reads) share one take of as many tokens: one
   * Redis command instead of five (Upstash bills every command). When the bucket cannot serve the whole
   * batch, each request waits for its own token as before.
   */
  acquire(host: string): Promise<number> {
    let batch = this.pending.get(host);
    if (!batch) {
      const fresh: Waiter[] = [];
      this.pending.set(host, fresh);
      // A macrotask: every request of the current turn (a Promise.all) has joined by then.
      setImmediate(() => void this.flush(host, fresh));
      batch = fresh;
    }
    const waiters = batch;
    return new Promise<number>((resolve, reject) => waiters.push({ resolve, reject }));
  }

  private async flush(host: string, waiters: Waiter[]): Promise<void> {
    this.pending.delete(host);
    const n = waiters.length;
    if (n > 1) {
      try {
        const r = await this.o.limiter.take(this.bucket(host), this.spec, n);
        if (r.allowed) {
          waiters.forEach((w, i) => w.resolve(r.remaining + (n - 1 - i)));
          return;
        }
      } catch (e) {
        for (const w of waiters) w.reject(e);
        return;
      }
    }
    for (const w of waiters) this.acquireOne(host).then(w.resolve, w.reject);
  }

  private async acquireOne(host: string): Promise<number> {
    const deadline = this.o.clock.now() + this.o.maxWaitMs;
    for (;;) {
      const r = await this.o.limiter.take(this.bucket(host), this.spec);
      if (r.allowed) return r.remaining;
      const now = this.o.clock.now();
      if (now + r.retryAfterMs > deadline) {
        throw new AppError('RATE_LIMITED', `Alpaca request budget for ${host} exhausted (${this.o.perMinute}/min); nothing was sent`, {
          retryAfterSeconds: Math.ceil(r.retryAfterMs / 1000),
          details: { host, sent: false },
        });
      }
      await this.o.sleep(Math.max(1, r.retryAfterMs));
    }
  }

  /** Reads Alpaca's rate-limit headers after a response; `localRemaining` is what acquire() returned. */
  async observe(host: string, headers: Headers, localRemaining: number): Promise<void> {
    const remaining = Number(headers.get('x-ratelimit-remaining') ?? Number.NaN);
    if (!Number.isFinite(remaining) || remaining < 0) return;
    const reset = Number(headers.get('x-ratelimit-reset') ?? Number.NaN);
    const resetAt = Number.isFinite(reset) ? reset * 1000 : this.o.clock.now() + 60_000;
    this.server.set(host, { remaining, resetAt });
    const excess = Math.floor(localRemaining - remaining);
    if (excess > 0) await this.o.limiter.take(this.bucket(host), this.spec, excess);
  }

  /** After a 429: empties the shared bucket, so every invocation backs off. */
  async exhaust(host: string): Promise<void> {
    const left = await this.o.limiter.peek(this.bucket(host), this.spec);
    if (left > 0) await this.o.limiter.take(this.bucket(host), this.spec, left);
    this.server.set(host, { remaining: 0, resetAt: this.o.clock.now() + 60_000 });
  }

  /** Requests left for `host`: our shared bucket, capped by Alpaca's last word while its window lasts. */
  async remaining(host: string): Promise<number> {
    const local = await this.o.limiter.peek(this.bucket(host), this.spec);
    const view = this.server.get(host);
    return view && view.resetAt > this.o.clock.now() ? Math.min(local, view.remaining) : local;
  }

  private bucket(host: string): string {
    return `${this.o.prefix}${host}`;
  }
}
