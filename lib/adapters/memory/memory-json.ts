/**
 * JSON as a jsonb column keeps it, for every memory store: what JSON.stringify keeps (undefined and function
 * fields dropped, undefined array slots as null, `toJSON` applied so dates become strings, NaN and
 * infinities as null), object keys in jsonb's order (shorter keys first, then bytewise), and text Postgres
 * refuses (\u0000) refused. Walks the value once instead of printing and parsing it: stores call this on
 * every write. The result is a fresh plain value the caller's object no longer reaches.
 */
export function asJsonb<T>(value: T): T {
  const json = walk(value);
  if (json === undefined) throw new TypeError('a jsonb value cannot be undefined');
  return json as T;
}

/** The jsonb value as text (rows kept as text give a fresh copy on every read). */
export function toJsonb(value: unknown): string {
  return JSON.stringify(asJsonb(value));
}

/** Parses a stored jsonb text (a fresh object each time). */
export function fromJsonb<T = unknown>(text: string): T {
  return JSON.parse(text) as T;
}

/** A deep copy of a plain JSON value (already normalised by `asJsonb`), so callers cannot mutate the store. */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const out: Record<string, unknown> = {};
  for (const k in value as Record<string, unknown>) out[k] = cloneJson((value as Record<string, unknown>)[k]);
  return out as T;
}


/** A timestamptz as Postgres keeps what `new Date(ms).toISOString()` sent: whole milliseconds. */
export function instant(ms: number): number {
  if (!Number.isFinite(ms)) throw new RangeError('Invalid time value');
  return new Date(ms).getTime();
}

function refuseNul(text: string): string {
  if (text.includes('\u0000')) throw new Error('unsupported Unicode escape sequence: \\u0000 cannot be converted to text');
  return text;
}

const NON_ASCII = /[^\x00-\x7f]/;

// jsonb orders an object's keys by length in bytes (UTF-8), then bytewise.
function compareKeys(a: string, b: string): number {
  if (!NON_ASCII.test(a) && !NON_ASCII.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length - y.length || Buffer.compare(x, y);
}

// Both keys ASCII: a byte is a character, so lengths and code units compare as jsonb compares bytes.
function compareAsciiKeys(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

// Most objects have a few keys: an insertion sort in place when all are ASCII (a library sort for many).
function inOrder(keys: string[]): string[] {
  for (let i = 0; i < keys.length; i++) if (!isAscii(keys[i]!)) return keys.sort(compareKeys);
  if (keys.length > 16) return keys.sort(compareAsciiKeys);
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    let j = i - 1;
    while (j >= 0 && compareAsciiKeys(keys[j]!, k) > 0) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

function walk(raw: unknown): unknown {
  const v = raw !== null && typeof raw === 'object' && typeof (raw as { toJSON?: unknown }).toJSON === 'function' ? (raw as { toJSON(): unknown }).toJSON() : raw;
  switch (typeof v) {
    case 'string':
      return refuseNul(v);
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? v + 0 : null;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object': {
      if (v === null) return null;
      if (Array.isArray(v)) return v.map((x) => walk(x) ?? null);
      if (v instanceof Number || v instanceof String || v instanceof Boolean) return walk(v.valueOf());
      const out: Record<string, unknown> = {};
      for (const k of inOrder(Object.keys(v))) {
        const j = walk((v as Record<string, unknown>)[k]);
        if (j !== undefined) out[refuseNul(k)] = j;
      }
      return out;
    }
    default:
      return undefined;
  }
}
