/**
 * A value as a JSON column or a Redis string would give it back (what JSON.parse(JSON.stringify(v))
 * gives): undefined and function fields dropped, undefined array slots as null, `toJSON` applied (dates
 * become strings), NaN and infinities as null. Memory stores keep what Postgres or Redis would have kept.
 * Walks the value once instead of printing and parsing it: stores call this on every write.
 */
export function asStoredJson<T>(value: T): T {
  const json = toJson(value);
  if (json === undefined) throw new TypeError(`expected a value JSON can hold, got ${typeof value}`);
  return json as T;
}

function toJson(raw: unknown): unknown {
  const v = raw !== null && typeof raw === 'object' && typeof (raw as { toJSON?: unknown }).toJSON === 'function' ? (raw as { toJSON(): unknown }).toJSON() : raw;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? v + 0 : null;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object': {
      if (v === null) return null;
      if (Array.isArray(v)) return v.map((x) => toJson(x) ?? null);
      if (v instanceof Number || v instanceof String || v instanceof Boolean) return v.valueOf();
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) {
        const j = toJson((v as Record<string, unknown>)[k]);
        if (j !== undefined) out[k] = j;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** A deep copy of a plain JSON value (already normalised by `asStoredJson`), so callers cannot mutate the store. */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const out: Record<string, unknown> = {};
  for (const k in value as Record<string, unknown>) out[k] = cloneJson((value as Record<string, unknown>)[k]);
  return out as T;
}

/** Freezes a plain JSON value all the way down (stored values shared with callers), and returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value as object)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
