import type { EpochMs } from '../../../domain/time.ts';

/** Alpaca sends money and quantities as JSON strings: plain decimals, no exponent, no trailing zeros. */
export function decimal(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  const s = (Math.round(n * 1e9) / 1e9).toFixed(9).replace(/\.?0+$/, '');
  return s === '-0' || s === '' ? '0' : s;
}

/** `decimal`, keeping null (Alpaca sends null for absent prices). */
export function decimalOrNull(n: number | null | undefined): string | null {
  return n === null || n === undefined ? null : decimal(n);
}

/** RFC-3339 in UTC with milliseconds (Alpaca sends nanoseconds; any RFC-3339 parser reads both). */
export function timestamp(t: EpochMs): string {
  return new Date(t).toISOString();
}

/** `timestamp`, keeping null. */
export function timestampOrNull(t: EpochMs | null | undefined): string | null {
  return t === null || t === undefined ? null : timestamp(t);
}

/** Parses an RFC-3339 timestamp or a `YYYY-MM-DD` date (Alpaca accepts both in query strings); null when absent, NaN when malformed. */
export function parseTime(value: string | null): EpochMs | null {
  if (value === null || value === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return Number.NaN;
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
}

/** An opaque page token: base64url of a small JSON value. */
export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes a page token made by `encodeToken`; null when it is not one. */
export function decodeToken(token: string): unknown {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}
