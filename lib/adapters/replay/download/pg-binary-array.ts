/**
 * One-dimensional Postgres arrays in the binary wire format, for batch inserts through `unnest`:
 * node-postgres sends a Buffer parameter as binary, so numbers cross as their 8 bytes instead of being
 * formatted as text by the client and parsed back by the server (most of a large batch's CPU otherwise).
 * Layout (array_recv): ndim, has-null flag, element type oid, length, lower bound, then each element as
 * its byte length (-1 for NULL) and its bytes, all big-endian.
 */

const OID = { int8: 20, text: 25, float8: 701, timestamptz: 1184 } as const;
const HEADER = 20;
const TWO_32 = 2 ** 32;
/** 2000-01-01T00:00:00Z, Postgres' timestamp epoch, in Unix milliseconds. */
const PG_EPOCH_MS = 946_684_800_000;

function header(buf: Buffer, oid: number, length: number, hasNull: boolean): void {
  buf.writeInt32BE(1, 0);
  buf.writeInt32BE(hasNull ? 1 : 0, 4);
  buf.writeInt32BE(oid, 8);
  buf.writeInt32BE(length, 12);
  buf.writeInt32BE(1, 16);
}

/** A whole number in [-2^53, 2^53] as a big-endian int64, without going through BigInt. */
function writeInt64(buf: Buffer, value: number, offset: number): void {
  const hi = Math.floor(value / TWO_32);
  buf.writeInt32BE(hi, offset);
  buf.writeUInt32BE(value - hi * TWO_32, offset + 4);
}

function fixedWidth(oid: number, values: readonly (number | null | undefined)[], write: (buf: Buffer, v: number, at: number, i: number) => void): Buffer {
  let nulls = 0;
  for (const v of values) if (v === undefined || v === null) nulls++;
  const buf = Buffer.allocUnsafe(HEADER + values.length * 12 - nulls * 8);
  header(buf, oid, values.length, nulls > 0);
  let at = HEADER;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === undefined || v === null) {
      buf.writeInt32BE(-1, at);
      at += 4;
    } else {
      buf.writeInt32BE(8, at);
      write(buf, v, at + 4, i);
      at += 12;
    }
  }
  return buf;
}

/** `float8[]`: finite numbers exactly as they are (no decimal round trip); undefined or null as NULL. `name` labels errors. */
export function float8Array(values: readonly (number | null | undefined)[], name = 'float8 array'): Buffer {
  return fixedWidth(OID.float8, values, (buf, v, at, i) => {
    if (!Number.isFinite(v)) throw new Error(`${name}: element ${i} must be a finite number, got ${v}`);
    buf.writeDoubleBE(v, at);
  });
}

/** `int8[]`: safe integers; undefined or null as NULL. `name` labels errors. */
export function int8Array(values: readonly (number | null | undefined)[], name = 'int8 array'): Buffer {
  return fixedWidth(OID.int8, values, (buf, v, at, i) => {
    if (!Number.isSafeInteger(v)) throw new Error(`${name}: element ${i} must be a safe integer, got ${v}`);
    writeInt64(buf, v, at);
  });
}

/** `timestamptz[]` from Unix milliseconds (fractions kept to the microsecond, as Postgres stores them). `name` labels errors. */
export function timestamptzArray(epochMs: readonly number[], name = 'timestamptz array'): Buffer {
  return fixedWidth(OID.timestamptz, epochMs, (buf, ms, at, i) => {
    if (!Number.isFinite(ms)) throw new Error(`${name}: element ${i} must be finite Unix milliseconds, got ${ms}`);
    writeInt64(buf, Math.round((ms - PG_EPOCH_MS) * 1000), at);
  });
}

/** `text[]` (no NULLs); each distinct string is encoded to UTF-8 once, since a page repeats few symbols many times. */
export function textArray(values: readonly string[]): Buffer {
  const encoded = new Map<string, Buffer>();
  let size = HEADER;
  for (const v of values) {
    let bytes = encoded.get(v);
    if (!bytes) encoded.set(v, (bytes = Buffer.from(v, 'utf8')));
    size += 4 + bytes.length;
  }
  const buf = Buffer.allocUnsafe(size);
  header(buf, OID.text, values.length, false);
  let at = HEADER;
  for (const v of values) {
    const bytes = encoded.get(v)!;
    buf.writeInt32BE(bytes.length, at);
    bytes.copy(buf, at + 4);
    at += 4 + bytes.length;
  }
  return buf;
}
