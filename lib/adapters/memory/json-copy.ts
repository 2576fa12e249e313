/**
 * A value as a JSON column or a Redis string would give it back: undefined fields dropped, dates as
 * strings, NaN as null. Memory stores keep what Postgres or Redis would have kept, nothing more.
 */
export function asStoredJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A deep copy of a plain JSON value (already normalised by `asStoredJson`), so callers cannot mutate the store. */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const out: Record<string, unknown> = {};
  for (const k in value as Record<string, unknown>) out[k] = cloneJson((value as Record<string, unknown>)[k]);
  return out as T;
}
