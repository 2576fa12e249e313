/**
 * The Lua scripts the project sends with EVAL (atomic compare-and-set steps). The in-memory Redis backend
 * has no Lua: it runs the TypeScript twin of each (local-endpoint/memory-scripts.ts), keyed by this text.
 */

// Compare-and-delete: only the holder of `token` may release a lock.
export const LOCK_RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
// Renew: the holder of `token` extends its lease; a lease that lapsed while no one else took the lock (a
// stalled holder) is taken back under the same token (fencing still orders the writers); 0 when another holds it.
export const LOCK_EXTEND = `local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;

// Token bucket in one atomic script. The caller passes `now` (its clock), so the script is deterministic.
// KEYS[1] bucket; ARGV: capacity, refill per ms, now ms, cost, ttl ms. Returns {allowed, tokens, waitMs}.
export const RATE_TAKE = `
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

