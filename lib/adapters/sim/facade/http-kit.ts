import { timingSafeEqual } from 'node:crypto';
import { isAppError } from '../../../shared/errors.ts';
import { alpacaErrorOf } from '../broker/alpaca-rejections.ts';

/** One HTTP request, independent of the server that received it. */
export interface FacadeRequest {
  method: string;
  /** Decoded path without the query string. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | undefined>>;
  body: string;
}

/** A response: `body` undefined means no body (204). */
export interface FacadeResponse {
  status: number;
  body?: unknown;
  /** Extra response headers (Alpaca's X-RateLimit-*). */
  headers?: Record<string, string>;
}

/** An Alpaca error: HTTP status plus the `{code, message}` envelope (and any extra fields Alpaca adds). */
export class AlpacaHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Alpaca's 422 for request parameters it does not accept (40010001). */
export function badParameter(message: string): AlpacaHttpError {
  return new AlpacaHttpError(422, 40010001, message);
}

/** Maps anything thrown by a route to Alpaca's error envelope; internals never reach the body. */
export function errorResponse(e: unknown): FacadeResponse {
  if (e instanceof AlpacaHttpError) return { status: e.status, body: { ...e.extra, code: e.code, message: e.message } };
  if (isAppError(e)) {
    const { httpStatus, code, extra } = alpacaErrorOf(e);
    return { status: httpStatus, body: { ...extra, code, message: e.message } };
  }
  return { status: 500, body: { code: 50010000, message: 'internal server error' } };
}

/** An API key pair the facade accepts. */
export interface Credentials {
  keyId: string;
  secretKey: string;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True when the request carries one of the configured key pairs in Alpaca's headers (compared in constant time). */
export function isAuthorized(req: FacadeRequest, credentials: readonly Credentials[]): boolean {
  const keyId = req.headers['apca-api-key-id'];
  const secret = req.headers['apca-api-secret-key'];
  if (!keyId || !secret) return false;
  let ok = false;
  for (const c of credentials) ok = (same(keyId, c.keyId) && same(secret, c.secretKey)) || ok;
  return ok;
}

/** Alpaca's answer to missing or wrong keys. */
export const UNAUTHORIZED: FacadeResponse = { status: 401, body: { message: 'unauthorized.' } };

/** A route: method, a path pattern with named groups, and its handler. */
export interface Route {
  method: string;
  pattern: RegExp;
  handle: (req: FacadeRequest, params: Record<string, string>) => Promise<FacadeResponse>;
}

/** Finds the route for a request: 404 for an unknown path, 405 for a known path with another method. */
export function route(routes: readonly Route[], req: FacadeRequest): { route: Route; params: Record<string, string> } | FacadeResponse {
  let pathKnown = false;
  for (const r of routes) {
    const m = r.pattern.exec(req.path);
    if (!m) continue;
    pathKnown = true;
    if (r.method === req.method) return { route: r, params: { ...(m.groups ?? {}) } };
  }
  return pathKnown ? { status: 405, body: { code: 40510000, message: 'method not allowed' } } : { status: 404, body: { code: 40410000, message: 'endpoint not found' } };
}

/** Reads a boolean query flag (`true` / `false`); absent gives `fallback`. */
export function flag(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const v = query.get(name);
  if (v === null || v === '') return fallback;
  if (v === 'true' || v === 'false') return v === 'true';
  throw badParameter(`invalid ${name}: expected true or false`);
}

/** Reads an integer query parameter within [min, max]; absent gives `fallback`. */
export function integer(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const v = query.get(name);
  if (v === null || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw badParameter(`invalid ${name}: expected an integer from ${min} to ${max}`);
  return n;
}

/** Reads one of `allowed`; absent gives `fallback`. */
export function oneOf<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[], fallback: T): T {
  const v = query.get(name);
  if (v === null || v === '') return fallback;
  if (!(allowed as readonly string[]).includes(v)) throw badParameter(`invalid ${name}: expected one of ${allowed.join(', ')}`);
  return v as T;
}

/** Comma-separated symbols, upper-cased (an empty list when absent). */
export function symbolList(query: URLSearchParams, name = 'symbols'): string[] {
  const v = query.get(name);
  if (!v) return [];
  return v.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
}
