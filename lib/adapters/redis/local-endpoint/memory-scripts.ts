import type { Reply } from './reply.ts';
import type { MemoryDb } from './memory-commands.ts';
import { LOCK_EXTEND, LOCK_RELEASE, RATE_TAKE } from '../scripts.ts';
import { takeFromBucket } from '../../../shared/token-bucket.ts';

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
  const stored = h.has('tokens') ? { tokens: Number(h.get('tokens')), ts: h.has('ts') ? Number(h.get('ts')) : now } : undefined;
  const r = takeFromBucket(stored, cap, rate, now, cost);
  h.set('tokens', String(r.state.tokens));
  h.set('ts', String(r.state.ts));
  db.data.set(key!, h);
  db.expires.set(key!, db.now() + Number(ttlS));
  return [r.allowed ? 1 : 0, r.remaining, r.waitMs];
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
