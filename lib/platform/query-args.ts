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
