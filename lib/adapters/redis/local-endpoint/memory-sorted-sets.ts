// Sorted sets of the in-memory Redis.
import { get, int, isZset, newZset, type Impl } from './memory-db.ts';

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

/** ZADD..ZRANGE: the sorted-set commands the system uses. */
export const SORTED_SET_COMMANDS: Record<string, Impl> = {
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
};
