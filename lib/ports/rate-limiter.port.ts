/** A token bucket: `capacity` tokens, refilled continuously at `refillPerSecond`. */
export interface BucketSpec {
  capacity: number;
  refillPerSecond: number;
}

export interface TakeResult {
  allowed: boolean;
  /** Tokens left after this take (whole tokens, floored). */
  remaining: number;
  /** When not allowed: milliseconds until enough tokens have refilled. */
  retryAfterMs: number;
}

/**
 * Rate and quota budgets shared by every concurrent invocation (Alpaca's 200 requests a minute, a news
 * source's daily quota). Backed by Redis when deployed.
 */
export interface RateLimiter {
  take(bucket: string, spec: BucketSpec, cost?: number): Promise<TakeResult>;
  /** Tokens currently available, without taking any. */
  peek(bucket: string, spec: BucketSpec): Promise<number>;
}
