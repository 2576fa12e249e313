import type { Redis } from '@upstash/redis';
import type { Clock } from '../../ports/clock.port.ts';
import type { BucketSpec, RateLimiter, TakeResult } from '../../ports/rate-limiter.port.ts';
import { registerScript } from './local-endpoint/memory-backend.ts';

// Token bucket in one atomic script. The caller passes `now` (its clock), so the script is deterministic.
// KEYS[1] bucket; ARGV: capacity, refill per ms, now ms, cost, ttl ms. Returns {allowed, tokens, waitMs}.
const TAKE = `
local cap = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(b[1]) or cap
local ts = tonumber(b[2]) or now
if now > ts then tokens = math.min(cap, tokens + (now - ts) * rate) end
local allowed = 0
local wait = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
elseif rate > 0 then
  wait = math.ceil((cost - tokens) / rate)
else
  wait = -1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(math.max(now, ts)))
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return {allowed, math.floor(tokens), wait}
`;

// The in-memory Redis backend has no Lua: it runs this TypeScript twin of the script above.
registerScript(TAKE, (db, [key], [capS, rateS, nowS, costS, ttlS]) => {
  const cap = Number(capS);
  const rate = Number(rateS);
  const now = Number(nowS);
  const cost = Number(costS);
  const h = (db.data.get(key!) as Map<string, string> | undefined) ?? new Map<string, string>();
  let tokens = h.has('tokens') ? Number(h.get('tokens')) : cap;
  const ts = h.has('ts') ? Number(h.get('ts')) : now;
  if (now > ts) tokens = Math.min(cap, tokens + (now - ts) * rate);
  let allowed = 0;
  let wait = 0;
  if (tokens >= cost) {
    tokens -= cost;
    allowed = 1;
  } else wait = rate > 0 ? Math.ceil((cost - tokens) / rate) : -1;
  h.set('tokens', String(tokens));
  h.set('ts', String(Math.max(now, ts)));
  db.data.set(key!, h);
  db.expires.set(key!, db.now() + Number(ttlS));
  return [allowed, Math.floor(tokens), wait];
});

/** Token buckets in Redis, shared by every function instance. */
export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly clock: Clock,
    private readonly prefix = 'catalyst:',
  ) {}

  async take(bucket: string, spec: BucketSpec, cost = 1): Promise<TakeResult> {
    const ttlMs = Math.ceil((spec.capacity / Math.max(spec.refillPerSecond, 1e-9)) * 1000) + 60_000;
    const [allowed, remaining, wait] = (await this.redis.eval(
      TAKE,
      [`${this.prefix}rl:${bucket}`],
      [spec.capacity, spec.refillPerSecond / 1000, this.clock.now(), cost, Math.min(ttlMs, 8 * 86_400_000)],
    )) as [number, number, number];
    return { allowed: allowed === 1, remaining, retryAfterMs: wait < 0 ? Number.POSITIVE_INFINITY : wait };
  }

  async peek(bucket: string, spec: BucketSpec): Promise<number> {
    return (await this.take(bucket, spec, 0)).remaining;
  }
}

/** The same buckets in one process (backtests and unit tests). */
export class InProcessRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; ts: number }>();
  constructor(private readonly clock: Clock) {}

  async take(bucket: string, spec: BucketSpec, cost = 1): Promise<TakeResult> {
    const now = this.clock.now();
    const b = this.buckets.get(bucket) ?? { tokens: spec.capacity, ts: now };
    const rate = spec.refillPerSecond / 1000;
    if (now > b.ts) b.tokens = Math.min(spec.capacity, b.tokens + (now - b.ts) * rate);
    b.ts = Math.max(now, b.ts);
    this.buckets.set(bucket, b);
    if (b.tokens >= cost) {
      b.tokens -= cost;
      return { allowed: true, remaining: Math.floor(b.tokens), retryAfterMs: 0 };
    }
    return { allowed: false, remaining: Math.floor(b.tokens), retryAfterMs: rate > 0 ? Math.ceil((cost - b.tokens) / rate) : Number.POSITIVE_INFINITY };
  }

  async peek(bucket: string, spec: BucketSpec): Promise<number> {
    return (await this.take(bucket, spec, 0)).remaining;
  }
}
