/** A token bucket's stored state: tokens left at time `ts` (epoch ms). */
export interface BucketState {
  tokens: number;
  ts: number;
}

/**
 * One take from a token bucket, the arithmetic of the RATE_TAKE Redis script (lib/adapters/redis/scripts.ts)
 * for the two in-process stand-ins (the in-process limiter and the in-memory Redis backend): refill
 * continuously at `ratePerMs` up to `capacity`, then take `cost` if there is enough. `waitMs` is -1 when
 * the bucket never refills.
 */
export function takeFromBucket(
  state: BucketState | undefined,
  capacity: number,
  ratePerMs: number,
  now: number,
  cost: number,
): { state: BucketState; allowed: boolean; remaining: number; waitMs: number } {
  let tokens = state?.tokens ?? capacity;
  const ts = state?.ts ?? now;
  if (now > ts) tokens = Math.min(capacity, tokens + (now - ts) * ratePerMs);
  let allowed = false;
  let waitMs = 0;
  if (tokens >= cost) {
    tokens -= cost;
    allowed = true;
  } else waitMs = ratePerMs > 0 ? Math.ceil((cost - tokens) / ratePerMs) : -1;
  return { state: { tokens, ts: Math.max(now, ts) }, allowed, remaining: Math.floor(tokens), waitMs };
}
