import * as z from 'zod/mini';

/**
 * The latest instant taken from a query: 9999-12-31T23:59:59.999Z. A Date holds up to 8.64e15 ms (year
 * 275760), but its ISO form then has a six-digit year that Postgres refuses (a 500 before this bound).
 */
export const MAX_EPOCH_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** An instant in a query string: whole epoch milliseconds up to MAX_EPOCH_MS (else a 400, never a 500 from the database). */
export const EpochMsArg = () => z.coerce.number().check(z.int(), z.gte(0), z.lte(MAX_EPOCH_MS));

/** A database id in a query string: a whole, positive number that fits Postgres `bigint` exactly. */
export const IdArg = () => z.coerce.number().check(z.int(), z.positive(), z.lte(Number.MAX_SAFE_INTEGER));

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return days !== undefined && d >= 1 && d <= days;
}

/** A calendar date in a query string (YYYY-MM-DD, a real date; else a 400 saying so). */
export const IsoDateArg = () => z.string().check(z.refine(isIsoDate, { message: 'expected a calendar date as YYYY-MM-DD' }));
