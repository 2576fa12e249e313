import * as z from 'zod/mini';
import type { EpochMs } from '../../domain/time.ts';
import type { Clock } from '../../ports/clock.port.ts';
import type { BucketSpec, RateLimiter } from '../../ports/rate-limiter.port.ts';
import { AppError, isAppError } from '../../shared/errors.ts';
import type { NewsStateStore } from './news-state.store.ts';
import type { FetchFn } from './http-fetch.ts';

/** One budget a request spends a token of: a daily quota, a per-second rate. */
export interface SourceBudget {
  /** What it is, for the refusal: 'daily quota', 'rate limit'. */
  label: string;
  /** Rate-limiter bucket, shared by every concurrent invocation. */
  bucket: string;
  spec: BucketSpec;
  /** Wait (injected sleep) up to this long for a token instead of refusing: for per-second budgets. */
  maxWaitMs?: number;
  /** An allowance the source itself may declare spent (a daily quota): `exhaust()` empties it. */
  quota?: boolean;
}

/** Exponential backoff after failures: baseMs, 2·baseMs, 4·baseMs ... capped at maxMs. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export interface SourceGuardDeps {
  limiter: RateLimiter;
  clock: Clock;
  store: NewsStateStore;
  /** Real waiting (tests inject a recorder). */
  sleep?: (ms: number) => Promise<void>;
}

/** What every HTTP news source is built with. */
export interface NewsSourceDeps extends SourceGuardDeps {
  fetch: FetchFn;
}

/** Why a source was not called, and until when. */
export interface Throttle {
  reason: 'budget' | 'backoff';
  until: EpochMs;
}

const BackoffState = z.object({ failures: z.number().check(z.int(), z.gte(1)), until: z.number(), code: z.string() });
type BackoffState = z.infer<typeof BackoffState>;

const RETRY_PAUSE_MS = 500;
const MAX_SERVER_BACKOFF_MS = 86_400_000;
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Options over defaults, where an option given as `undefined` keeps its default. */
export function withDefaults<T extends object>(defaults: Required<T>, options: T): Required<T> {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...defaults, ...given } as Required<T>;
}

function at(t: EpochMs): string {
  return Number.isFinite(t) ? new Date(t).toISOString() : 'further notice (the budget does not refill)';
}

function throttled(source: string, throttle: Throttle, message: string, now: EpochMs): AppError {
  const seconds = Number.isFinite(throttle.until) ? Math.max(1, Math.ceil((throttle.until - now) / 1000)) : undefined;
  return new AppError('RATE_LIMITED', `${source}: ${message} until ${at(throttle.until)}`, {
    details: { source, reason: throttle.reason, until: Number.isFinite(throttle.until) ? throttle.until : null },
    ...(seconds === undefined ? {} : { retryAfterSeconds: seconds }),
  });
}

/** The refusal a guard threw (the source was not called), or null for any other error. */
export function throttleOf(e: unknown): Throttle | null {
  if (!isAppError(e) || e.code !== 'RATE_LIMITED') return null;
  const d = e.details as { reason?: unknown; until?: unknown } | undefined;
  if (!d || (d.reason !== 'budget' && d.reason !== 'backoff')) return null;
  return { reason: d.reason, until: typeof d.until === 'number' ? d.until : Number.POSITIVE_INFINITY };
}

/**
 * Puts one source's requests under its budgets (through the shared RateLimiter) and its backoff (in the
 * shared NewsStateStore), so neither a quota nor a failing source is hammered by concurrent invocations.
 */
export class SourceGuard {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly key: string;

  constructor(
    readonly source: string,
    private readonly budgets: readonly SourceBudget[],
    private readonly deps: SourceGuardDeps,
    private readonly backoff: BackoffPolicy,
  ) {
    this.sleep = deps.sleep ?? realSleep;
    this.key = `backoff:${source}`;
  }

  /**
   * Runs one request: refuses (RATE_LIMITED with details {reason, until}) while backing off or out of
   * budget, without calling; a failure extends the backoff and a success clears it. Timeouts and 5xx are
   * tried again up to `retries` times, each attempt paying its own budget.
   */
  async run<T>(request: () => Promise<T>, retries = 0): Promise<T> {
    const state = await this.readState();
    const now = this.deps.clock.now();
    if (state && state.until > now) {
      const msg = `backing off after ${state.failures} failure(s) (last ${state.code})`;
      throw throttled(this.source, { reason: 'backoff', until: state.until }, msg, now);
    }
    for (let attempt = 0; ; attempt++) {
      await this.acquire();
      try {
        const value = await request();
        if (state) await this.deps.store.delete(this.key);
        return value;
      } catch (e) {
        // A 429 is not retried at once: the server asked for a pause, which the backoff gives it.
        const transient = isAppError(e) && (e.code === 'DEPENDENCY_UNAVAILABLE' || e.code === 'DEPENDENCY_TIMEOUT') && e.retryable;
        if (transient && attempt < retries) {
          await this.sleep(RETRY_PAUSE_MS * 2 ** attempt);
          continue;
        }
        await this.recordFailure(state, e);
        throw e;
      }
    }
  }

  /** Spends what is left of the quota budgets: the source itself said the quota is used up. */
  async exhaust(): Promise<void> {
    for (const b of this.budgets) {
      if (!b.quota) continue;
      const left = await this.deps.limiter.peek(b.bucket, b.spec);
      if (left > 0) await this.deps.limiter.take(b.bucket, b.spec, left);
    }
  }

  private async acquire(): Promise<void> {
    // Budgets are taken in order: callers list the short rate before the scarce daily quota, so a refused
    // rate never costs a quota token.
    for (const b of this.budgets) {
      let waited = 0;
      for (;;) {
        const r = await this.deps.limiter.take(b.bucket, b.spec);
        if (r.allowed) break;
        if (Number.isFinite(r.retryAfterMs) && waited + r.retryAfterMs <= (b.maxWaitMs ?? 0)) {
          await this.sleep(r.retryAfterMs);
          waited += r.retryAfterMs;
          continue;
        }
        const now = this.deps.clock.now();
        const until = Number.isFinite(r.retryAfterMs) ? now + r.retryAfterMs : Number.POSITIVE_INFINITY;
        throw throttled(this.source, { reason: 'budget', until }, `${b.label} exhausted`, now);
      }
    }
  }

  private async readState(): Promise<BackoffState | null> {
    const raw = await this.deps.store.get(this.key);
    if (raw === null) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return null;
    }
    // A corrupt backoff record is dropped: the worst case is one extra call.
    const r = BackoffState.safeParse(parsed);
    return r.success ? r.data : null;
  }

  private async recordFailure(previous: BackoffState | null, e: unknown): Promise<void> {
    const failures = (previous?.failures ?? 0) + 1;
    let delay = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** (failures - 1));
    const asked = isAppError(e) && e.retryAfterSeconds !== undefined ? e.retryAfterSeconds * 1000 : 0;
    delay = Math.max(delay, Math.min(asked, MAX_SERVER_BACKOFF_MS));
    const state: BackoffState = { failures, until: this.deps.clock.now() + delay, code: isAppError(e) ? e.code : 'INTERNAL' };
    await this.deps.store.set(this.key, JSON.stringify(state), delay + this.backoff.maxMs);
  }
}
