import type { EpochMs } from './time.ts';

/**
 * Deterministic client order ids (invariant 1): the same intent always gets the same id, so a re-run after
 * a crash finds its order by id instead of sending it twice.
 *
 * Shape: `c1-<strategy>-<symbol>-<bucket>-<source>-<purpose><sequence>`, e.g.
 * `c1-momo-AAPL-20261123T153000-bz41522-en`. Each part is escaped so only `[A-Za-z0-9_]` remains (`/` becomes
 * `_2F`), and `-` only separates parts: distinct inputs give distinct ids. When the result would exceed 128
 * characters, the parts are shortened and a 64-bit hash of the full id is appended (`-h<16 hex>`).
 */

export const CLIENT_ORDER_ID_MAX_LENGTH = 128;

/** Marks ids Catalyst made (and their format version), so reconciliation can tell its orders from adopted ones. */
export const CLIENT_ORDER_ID_PREFIX = 'c1';

/** What the order is for: one entry, its protective legs, an exit, or a replacement of a leg. */
export type OrderPurpose = 'entry' | 'stop_loss' | 'take_profit' | 'exit' | 'replace_stop' | 'replace_take_profit';

const PURPOSE_CODE: Record<OrderPurpose, string> = {
  entry: 'en',
  stop_loss: 'sl',
  take_profit: 'tp',
  exit: 'ex',
  replace_stop: 'rs',
  replace_take_profit: 'rt',
};

export interface ClientOrderIdParts {
  strategy: string;
  symbol: string;
  /** The catalyst (news story) id or the signal id the order comes from. */
  sourceId: string;
  /** Start of the cycle's time bucket (see `timeBucketStart`), whole milliseconds. */
  bucketStart: EpochMs;
  purpose: OrderPurpose;
  /** Tells apart successive orders of one purpose in the same bucket (the second replacement of a stop). */
  sequence?: number;
}

// Year 9999 keeps the bucket a fixed-width ISO-like stamp.
const MAX_BUCKET_MS = 253_402_300_799_999;

/** Start of the `bucketMs`-long bucket that contains `now` (buckets are aligned to the epoch). */
export function timeBucketStart(now: EpochMs, bucketMs: number): EpochMs {
  if (!Number.isInteger(bucketMs) || bucketMs <= 0) throw new RangeError(`bucketMs must be a positive integer, got ${bucketMs}`);
  return Math.floor(now / bucketMs) * bucketMs;
}

/** The deterministic, Alpaca-safe client order id (at most 128 characters) for these parts. */
export function clientOrderId(parts: ClientOrderIdParts): string {
  const { bucketStart, sequence } = parts;
  if (!Number.isInteger(bucketStart) || bucketStart < 0 || bucketStart > MAX_BUCKET_MS) {
    throw new RangeError(`bucketStart must be whole milliseconds between 1970 and 9999, got ${bucketStart}`);
  }
  if (sequence !== undefined && (!Number.isSafeInteger(sequence) || sequence < 0)) {
    throw new RangeError(`sequence must be a non-negative integer, got ${sequence}`);
  }
  const strategy = escapePart(parts.strategy);
  const symbol = escapePart(parts.symbol);
  const source = escapePart(parts.sourceId);
  const bucket = bucketStamp(bucketStart);
  const purpose = PURPOSE_CODE[parts.purpose] + (sequence === undefined ? '' : String(sequence));
  const full = [CLIENT_ORDER_ID_PREFIX, strategy, symbol, bucket, source, purpose].join('-');
  if (full.length <= CLIENT_ORDER_ID_MAX_LENGTH) return full;
  // Seven parts instead of six, so a shortened id can never equal a full one; the hash keeps them apart.
  return [CLIENT_ORDER_ID_PREFIX, strategy.slice(0, 12), symbol.slice(0, 16), bucket, source.slice(0, 20), purpose, `h${fnv1a64Hex(full)}`].join('-');
}

/** True when `id` has the shape of an id made by `clientOrderId` (an order Catalyst placed). */
export function isOwnClientOrderId(id: string): boolean {
  return id.length <= CLIENT_ORDER_ID_MAX_LENGTH && OWN_ID.test(id);
}

const OWN_ID = /^c1-[A-Za-z0-9_]*-[A-Za-z0-9_]*-\d{8}T\d{6}(\d{3})?-[A-Za-z0-9_]*-(en|sl|tp|ex|rs|rt)\d*(-h[0-9a-f]{16})?$/;

// Alphanumerics stay readable; every other UTF-16 unit becomes `_XX` (ASCII) or `__XXXX`, a prefix-free code.
function escapePart(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const ch = text[i]!;
    if (/[A-Za-z0-9]/.test(ch)) out += ch;
    else if (code < 0x80) out += `_${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += `__${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

// 20261123T153000, with milliseconds appended only when the bucket has them.
function bucketStamp(t: EpochMs): string {
  const iso = new Date(t).toISOString();
  const stamp = iso.slice(0, 19).replace(/[-:]/g, '');
  const ms = iso.slice(20, 23);
  return ms === '000' ? stamp : `${stamp}${ms}`;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

// FNV-1a, 64 bits: the core may not use node:crypto, and the input (an escaped id) is ASCII.
function fnv1a64Hex(text: string): string {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = ((h ^ BigInt(text.charCodeAt(i))) * FNV_PRIME) & MASK_64;
  return h.toString(16).padStart(16, '0');
}
