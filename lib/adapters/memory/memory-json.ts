/**
 * JSON as a jsonb column keeps it: undefined dropped, object keys in jsonb's order (shorter keys first, then
 * bytewise), text that Postgres refuses (\u0000) refused. Stored as text, so every read is a fresh copy.
 */
export function toJsonb(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('a jsonb value cannot be undefined');
  if (text.includes('\\u0000')) throw new Error('unsupported Unicode escape sequence: \\u0000 cannot be converted to text');
  return JSON.stringify(reorder(JSON.parse(text)));
}

/** Parses a stored jsonb text (a fresh object each time). */
export function fromJsonb<T = unknown>(text: string): T {
  return JSON.parse(text) as T;
}

const ASCII = /^[\x00-\x7f]*$/;

function compareKeys(a: string, b: string): number {
  if (ASCII.test(a) && ASCII.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length - y.length || Buffer.compare(x, y);
}

function reorder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reorder);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort(compareKeys)) out[k] = reorder(o[k]);
  return out;
}

/** A timestamptz as Postgres keeps what `new Date(ms).toISOString()` sent: whole milliseconds. */
export function instant(ms: number): number {
  if (!Number.isFinite(ms)) throw new RangeError('Invalid time value');
  return new Date(ms).getTime();
}
