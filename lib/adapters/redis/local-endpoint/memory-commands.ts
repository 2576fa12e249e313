import { SimpleString, type Reply } from './reply.ts';

type Value = string | Map<string, string> | string[] | Set<string> | Map<string, number>;
export interface MemoryDb {
  data: Map<string, Value>;
  /** Key -> epoch ms at which it expires. */
  expires: Map<string, number>;
  now: () => number;
}
type Impl = (db: MemoryDb, a: string[]) => Reply;

const OK = new SimpleString('OK');
const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';

function alive(db: MemoryDb, key: string): boolean {
  const exp = db.expires.get(key);
  if (exp !== undefined && exp <= db.now()) {
    db.data.delete(key);
    db.expires.delete(key);
  }
  return db.data.has(key);
}

function get<T extends Value>(db: MemoryDb, key: string, is: (v: Value) => boolean, make?: () => T): T | undefined {
  if (alive(db, key)) {
    const v = db.data.get(key)!;
    if (!is(v)) throw new Error(WRONGTYPE);
    return v as T;
  }
  if (!make) return undefined;
  const v = make();
  db.data.set(key, v);
  return v;
}

const isStr = (v: Value) => typeof v === 'string';
const isHash = (v: Value) => v instanceof Map && !isZset(v);
const isList = (v: Value) => Array.isArray(v);
const isSet = (v: Value) => v instanceof Set;
const ZSETS = new WeakSet<object>();
const isZset = (v: Value) => typeof v === 'object' && ZSETS.has(v);
const newZset = () => {
  const z = new Map<string, number>();
  ZSETS.add(z);
  return z;
};

function int(s: string | undefined): number {
  const n = Number(s);
  if (!Number.isInteger(n)) throw new Error('ERR value is not an integer or out of range');
  return n;
}

function incrBy(db: MemoryDb, key: string, by: number): number {
  const cur = get<string>(db, key, isStr);
  const n = (cur === undefined ? 0 : int(cur)) + by;
  db.data.set(key, String(n));
  return n;
}

function del(db: MemoryDb, keys: string[]): number {
  let n = 0;
  for (const k of keys) if (alive(db, k)) (db.data.delete(k), db.expires.delete(k), n++);
  return n;
}

function scoreBound(s: string, isMin: boolean): (x: number) => boolean {
  if (s === '-inf') return () => true;
  if (s === '+inf' || s === 'inf') return () => true;
  const excl = s.startsWith('(');
  const v = Number(excl ? s.slice(1) : s);
  return isMin ? (x) => (excl ? x > v : x >= v) : (x) => (excl ? x < v : x <= v);
}

function sortedZ(z: Map<string, number>): [string, number][] {
  return [...z.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function expireAt(db: MemoryDb, key: string, atMs: number): number {
  if (!alive(db, key)) return 0;
  db.expires.set(key, atMs);
  return 1;
}

function ttl(db: MemoryDb, key: string, unitMs: number): number {
  if (!alive(db, key)) return -2;
  const exp = db.expires.get(key);
  return exp === undefined ? -1 : Math.max(0, Math.round((exp - db.now()) / unitMs));
}

function globToRegex(glob: string): RegExp {
  const esc = glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${esc}$`);
}

export const COMMANDS: Record<string, Impl> = {
  PING: (_db, a) => (a[0] === undefined ? new SimpleString('PONG') : a[0]),
  ECHO: (_db, a) => a[0] ?? null,
  GET: (db, [k]) => get<string>(db, k!, isStr) ?? null,
  SET: (db, [k, v, ...opts]) => {
    let px: number | undefined;
    let nx = false;
    let xx = false;
    let returnOld = false;
    let keepTtl = false;
    for (let i = 0; i < opts.length; i++) {
      const o = opts[i]!.toUpperCase();
      if (o === 'EX') px = int(opts[++i]) * 1000;
      else if (o === 'PX') px = int(opts[++i]);
      else if (o === 'EXAT') px = int(opts[++i]) * 1000 - db.now();
      else if (o === 'PXAT') px = int(opts[++i]) - db.now();
      else if (o === 'NX') nx = true;
      else if (o === 'XX') xx = true;
      else if (o === 'GET') returnOld = true;
      else if (o === 'KEEPTTL') keepTtl = true;
      else throw new Error('ERR syntax error');
    }
    const exists = alive(db, k!);
    const old = returnOld ? (get<string>(db, k!, isStr) ?? null) : null;
    if ((nx && exists) || (xx && !exists)) return returnOld ? old : null;
    db.data.set(k!, v!);
    if (px !== undefined) db.expires.set(k!, db.now() + px);
    else if (!keepTtl) db.expires.delete(k!);
    return returnOld ? old : OK;
  },
  GETDEL: (db, [k]) => {
    const v = get<string>(db, k!, isStr) ?? null;
    if (v !== null) del(db, [k!]);
    return v;
  },
  MGET: (db, keys) => keys.map((k) => (alive(db, k) && isStr(db.data.get(k)!) ? (db.data.get(k) as string) : null)),
  MSET: (db, a) => {
    for (let i = 0; i + 1 < a.length; i += 2) (db.data.set(a[i]!, a[i + 1]!), db.expires.delete(a[i]!));
    return OK;
  },
  DEL: (db, keys) => del(db, keys),
  UNLINK: (db, keys) => del(db, keys),
  EXISTS: (db, keys) => keys.filter((k) => alive(db, k)).length,
  EXPIRE: (db, [k, s]) => expireAt(db, k!, db.now() + int(s) * 1000),
  PEXPIRE: (db, [k, ms]) => expireAt(db, k!, db.now() + int(ms)),
  PEXPIREAT: (db, [k, at]) => expireAt(db, k!, int(at)),
  TTL: (db, [k]) => ttl(db, k!, 1000),
  PTTL: (db, [k]) => ttl(db, k!, 1),
  PERSIST: (db, [k]) => (alive(db, k!) && db.expires.delete(k!) ? 1 : 0),
  INCR: (db, [k]) => incrBy(db, k!, 1),
  INCRBY: (db, [k, by]) => incrBy(db, k!, int(by)),
  DECR: (db, [k]) => incrBy(db, k!, -1),
  DECRBY: (db, [k, by]) => incrBy(db, k!, -int(by)),
  INCRBYFLOAT: (db, [k, by]) => {
    const n = Number(get<string>(db, k!, isStr) ?? '0') + Number(by);
    db.data.set(k!, String(n));
    return String(n);
  },
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
  ZADD: (db, [k, ...rest]) => {
    const z = get(db, k!, isZset, newZset)!;
    let i = 0;
    let nx = false;
    while (/^(NX|XX|GT|LT|CH)$/i.test(rest[i] ?? '')) if (rest[i++]!.toUpperCase() === 'NX') nx = true;
    let added = 0;
    for (; i + 1 < rest.length; i += 2) {
      const m = rest[i + 1]!;
      if (!z.has(m)) added++;
      else if (nx) continue;
      z.set(m, Number(rest[i]));
    }
    return added;
  },
  ZREM: (db, [k, ...ms]) => {
    const z = get<Map<string, number>>(db, k!, isZset);
    return z ? ms.filter((m) => z.delete(m)).length : 0;
  },
  ZCARD: (db, [k]) => get<Map<string, number>>(db, k!, isZset)?.size ?? 0,
  ZSCORE: (db, [k, m]) => {
    const v = get<Map<string, number>>(db, k!, isZset)?.get(m!);
    return v === undefined ? null : String(v);
  },
  ZCOUNT: (db, [k, min, max]) => {
    const lo = scoreBound(min!, true);
    const hi = scoreBound(max!, false);
    return [...(get<Map<string, number>>(db, k!, isZset)?.values() ?? [])].filter((s) => lo(s) && hi(s)).length;
  },
  ZREMRANGEBYSCORE: (db, [k, min, max]) => {
    const z = get<Map<string, number>>(db, k!, isZset);
    if (!z) return 0;
    const lo = scoreBound(min!, true);
    const hi = scoreBound(max!, false);
    let n = 0;
    for (const [m, s] of z) if (lo(s) && hi(s)) (z.delete(m), n++);
    return n;
  },
  ZRANGE: (db, [k, a, b, ...opts]) => {
    const z = get<Map<string, number>>(db, k!, isZset);
    const up = opts.map((o) => o.toUpperCase());
    const withScores = up.includes('WITHSCORES');
    const rev = up.includes('REV');
    let items = z ? sortedZ(z) : [];
    if (rev) items.reverse();
    if (up.includes('BYSCORE')) {
      const [minS, maxS] = rev ? [b!, a!] : [a!, b!];
      const lo = scoreBound(minS, true);
      const hi = scoreBound(maxS, false);
      items = items.filter(([, s]) => lo(s) && hi(s));
      const li = up.indexOf('LIMIT');
      if (li >= 0) items = items.slice(int(opts[li + 1]), int(opts[li + 2]) < 0 ? undefined : int(opts[li + 1]) + int(opts[li + 2]));
    } else {
      const n = items.length;
      const start = Math.max(0, int(a) < 0 ? n + int(a) : int(a));
      const end = int(b) < 0 ? n + int(b) : Math.min(int(b), n - 1);
      items = items.slice(start, end + 1);
    }
    return withScores ? items.flatMap(([m, s]) => [m, String(s)]) : items.map(([m]) => m);
  },
  KEYS: (db, [pattern]) => {
    const re = globToRegex(pattern ?? '*');
    return [...db.data.keys()].filter((k) => alive(db, k) && re.test(k));
  },
  SCAN: (db, [, ...opts]) => {
    const mi = opts.findIndex((o) => o.toUpperCase() === 'MATCH');
    const re = globToRegex(mi >= 0 ? opts[mi + 1]! : '*');
    return ['0', [...db.data.keys()].filter((k) => alive(db, k) && re.test(k))];
  },
  TYPE: (db, [k]) => {
    if (!alive(db, k!)) return new SimpleString('none');
    const v = db.data.get(k!)!;
    return new SimpleString(isStr(v) ? 'string' : isList(v) ? 'list' : isSet(v) ? 'set' : isZset(v) ? 'zset' : 'hash');
  },
  DBSIZE: (db) => [...db.data.keys()].filter((k) => alive(db, k)).length,
  FLUSHDB: (db) => (db.data.clear(), db.expires.clear(), OK),
};
