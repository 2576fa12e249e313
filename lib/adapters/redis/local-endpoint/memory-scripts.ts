import type { Reply } from './reply.ts';
import type { MemoryDb } from './memory-commands.ts';
import { LOCK_EXTEND, LOCK_RELEASE, RATE_TAKE } from '../scripts.ts';

// LOCK_EXTEND: renew the holder's lease, take back a lapsed one under the same token, refuse another's.
function lockExtend(db: MemoryDb, [key]: string[], [token, ttl]: string[]): Reply {
  if (holds(db, key!, token!)) return db.expires.set(key!, db.now() + Number(ttl)), 1;
  if (db.data.has(key!)) return 0;
  db.data.set(key!, token!);
  db.expires.set(key!, db.now() + Number(ttl));
  return 1;
}

/** A Lua script the in-memory backend can run, implemented in TypeScript (it has no Lua interpreter). */
export type ScriptImpl = (db: MemoryDb, keys: string[], args: string[]) => Reply;

/** Whether `key` holds `token` (an expired key is dropped first). */
function holds(db: MemoryDb, key: string, token: string): boolean {
  const exp = db.expires.get(key);
  if (exp !== undefined && exp <= db.now()) {
    db.data.delete(key);
    db.expires.delete(key);
  }
  return db.data.get(key) === token;
}

/** RATE_TAKE: the token bucket, step for step. */
function rateTake(db: MemoryDb, [key]: string[], [capS, rateS, nowS, costS, ttlS]: string[]): Reply {
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
}

/**
 * The TypeScript twin of every script in ../scripts.ts, keyed by its trimmed source. Kept beside the backend
 * (not registered by the clients that send the scripts) so a backend serving other processes knows them all.
 */
export const MEMORY_SCRIPTS: ReadonlyMap<string, ScriptImpl> = new Map<string, ScriptImpl>([
  [LOCK_RELEASE.trim(), (db, [key], [token]) => (holds(db, key!, token!) ? (db.data.delete(key!), db.expires.delete(key!), 1) : 0)],
  [LOCK_EXTEND.trim(), lockExtend],
  [RATE_TAKE.trim(), rateTake],
]);
