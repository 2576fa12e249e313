// The in-memory Redis's keyspace and what its commands share: expiry on read, typed access (WRONGTYPE as
// Redis answers it), integer parsing and deletion.
import { SimpleString, type Reply } from './reply.ts';

/** What a key holds: a string, hash, list, set or sorted set. */
export type Value = string | Map<string, string> | string[] | Set<string> | Map<string, number>;
/** The keyspace: values, their expiry times, and the clock that expires them. */
export interface MemoryDb {
  data: Map<string, Value>;
  /** Key -> epoch ms at which it expires. */
  expires: Map<string, number>;
  now: () => number;
}
/** One command: its arguments after the name, its reply (an Error's message is sent as the error). */
export type Impl = (db: MemoryDb, a: string[]) => Reply;

export const OK = new SimpleString('OK');
const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';

export function alive(db: MemoryDb, key: string): boolean {
  const exp = db.expires.get(key);
  if (exp !== undefined && exp <= db.now()) {
    db.data.delete(key);
    db.expires.delete(key);
  }
  return db.data.has(key);
}

export function get<T extends Value>(db: MemoryDb, key: string, is: (v: Value) => boolean, make?: () => T): T | undefined {
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

export const isStr = (v: Value) => typeof v === 'string';
export const isHash = (v: Value) => v instanceof Map && !isZset(v);
export const isList = (v: Value) => Array.isArray(v);
export const isSet = (v: Value) => v instanceof Set;
const ZSETS = new WeakSet<object>();
export const isZset = (v: Value) => typeof v === 'object' && ZSETS.has(v);
export const newZset = () => {
  const z = new Map<string, number>();
  ZSETS.add(z);
  return z;
};

export function int(s: string | undefined): number {
  const n = Number(s);
  if (!Number.isInteger(n)) throw new Error('ERR value is not an integer or out of range');
  return n;
}

export function del(db: MemoryDb, keys: string[]): number {
  let n = 0;
  for (const k of keys) if (alive(db, k)) (db.data.delete(k), db.expires.delete(k), n++);
  return n;
}
