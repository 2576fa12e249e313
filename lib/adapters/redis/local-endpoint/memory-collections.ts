// Hashes, lists and sets of the in-memory Redis.
import { get, int, isHash, isList, isSet, OK, type Impl } from './memory-db.ts';

/** HSET..SCARD: the hash, list and set commands the system uses. */
export const COLLECTION_COMMANDS: Record<string, Impl> = {
  HSET: (db, [k, ...fv]) => {
    const h = get(db, k!, isHash, () => new Map<string, string>())!;
    let added = 0;
    for (let i = 0; i + 1 < fv.length; i += 2) {
      if (!h.has(fv[i]!)) added++;
      h.set(fv[i]!, fv[i + 1]!);
    }
    return added;
  },
  HGET: (db, [k, f]) => get<Map<string, string>>(db, k!, isHash)?.get(f!) ?? null,
  HMGET: (db, [k, ...fs]) => {
    const h = get<Map<string, string>>(db, k!, isHash);
    return fs.map((f) => h?.get(f) ?? null);
  },
  HGETALL: (db, [k]) => [...(get<Map<string, string>>(db, k!, isHash)?.entries() ?? [])].flat(),
  HDEL: (db, [k, ...fs]) => {
    const h = get<Map<string, string>>(db, k!, isHash);
    return h ? fs.filter((f) => h.delete(f)).length : 0;
  },
  HINCRBY: (db, [k, f, by]) => {
    const h = get(db, k!, isHash, () => new Map<string, string>())!;
    const n = int(h.get(f!) ?? '0') + int(by);
    h.set(f!, String(n));
    return n;
  },
  HLEN: (db, [k]) => get<Map<string, string>>(db, k!, isHash)?.size ?? 0,
  HEXISTS: (db, [k, f]) => (get<Map<string, string>>(db, k!, isHash)?.has(f!) ? 1 : 0),
  LPUSH: (db, [k, ...vs]) => {
    const l = get(db, k!, isList, () => [] as string[])!;
    for (const v of vs) l.unshift(v);
    return l.length;
  },
  RPUSH: (db, [k, ...vs]) => {
    const l = get(db, k!, isList, () => [] as string[])!;
    l.push(...vs);
    return l.length;
  },
  LPOP: (db, [k]) => get<string[]>(db, k!, isList)?.shift() ?? null,
  RPOP: (db, [k]) => get<string[]>(db, k!, isList)?.pop() ?? null,
  LLEN: (db, [k]) => get<string[]>(db, k!, isList)?.length ?? 0,
  LRANGE: (db, [k, s, e]) => {
    const l = get<string[]>(db, k!, isList) ?? [];
    const n = l.length;
    const start = Math.max(0, int(s) < 0 ? n + int(s) : int(s));
    const end = int(e) < 0 ? n + int(e) : Math.min(int(e), n - 1);
    return l.slice(start, end + 1);
  },
  LTRIM: (db, [k, s, e]) => {
    const l = get<string[]>(db, k!, isList);
    if (!l) return OK;
    const n = l.length;
    const start = Math.max(0, int(s) < 0 ? n + int(s) : int(s));
    const end = int(e) < 0 ? n + int(e) : Math.min(int(e), n - 1);
    db.data.set(k!, l.slice(start, end + 1));
    return OK;
  },
  SADD: (db, [k, ...ms]) => {
    const s = get(db, k!, isSet, () => new Set<string>())!;
    const before = s.size;
    for (const m of ms) s.add(m);
    return s.size - before;
  },
  SREM: (db, [k, ...ms]) => {
    const s = get<Set<string>>(db, k!, isSet);
    return s ? ms.filter((m) => s.delete(m)).length : 0;
  },
  SMEMBERS: (db, [k]) => [...(get<Set<string>>(db, k!, isSet) ?? [])],
  SISMEMBER: (db, [k, m]) => (get<Set<string>>(db, k!, isSet)?.has(m!) ? 1 : 0),
  SCARD: (db, [k]) => get<Set<string>>(db, k!, isSet)?.size ?? 0,
};
