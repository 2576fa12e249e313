// The in-memory Redis's commands (what the local endpoint runs without a redis-server): strings and keys
// here, hashes, lists and sets in memory-collections.ts, sorted sets in memory-sorted-sets.ts.
import { SimpleString } from './reply.ts';
import { alive, del, get, int, isList, isSet, isStr, isZset, OK, type Impl, type MemoryDb } from './memory-db.ts';
import { COLLECTION_COMMANDS } from './memory-collections.ts';
import { SORTED_SET_COMMANDS } from './memory-sorted-sets.ts';

export type { MemoryDb } from './memory-db.ts';

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

function incrBy(db: MemoryDb, key: string, by: number): number {
  const cur = get<string>(db, key, isStr);
  const n = (cur === undefined ? 0 : int(cur)) + by;
  db.data.set(key, String(n));
  return n;
}


const STRING_COMMANDS: Record<string, Impl> = {
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
};

const KEYSPACE_COMMANDS: Record<string, Impl> = {
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

/** Every command of the in-memory Redis by name: strings and keys, hashes, lists, sets, sorted sets, the keyspace. */
export const COMMANDS: Record<string, Impl> = { ...STRING_COMMANDS, ...COLLECTION_COMMANDS, ...SORTED_SET_COMMANDS, ...KEYSPACE_COMMANDS };
