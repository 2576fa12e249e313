import { AppError, isAppError } from '../shared/errors.ts';

/** The dependency an error is about, when an adapter named it (`details.dependency`). */
export function dependencyOf(e: unknown): string | undefined {
  if (!isAppError(e)) return undefined;
  const d = (e.details as { dependency?: unknown } | undefined)?.dependency;
  return typeof d === 'string' ? d : undefined;
}

const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE']);

/** A Postgres SQLSTATE that means "cannot use the database now" (connection, authentication, shutdown, capacity). */
function postgresOutage(code: string): 'refused' | 'unavailable' | undefined {
  if (/^28/.test(code) || code === '3D000') return 'refused';
  if (/^08/.test(code) || /^57P0[1-3]$/.test(code) || code === '53300') return 'unavailable';
  return undefined;
}

/**
 * A Postgres outage as a named dependency error (DATABASE_URL, the cause, never the URL itself); anything
 * else unchanged. Redis and Alpaca errors are named by their own adapters.
 */
export function asDependencyError(e: unknown): unknown {
  if (isAppError(e) || !(e instanceof Error)) return e;
  const raw = (e as Error & { code?: unknown }).code;
  const code = typeof raw === 'string' ? raw : '';
  const message = e.message;
  const pgShaped = e.name === 'error' || /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(message);
  const outage = postgresOutage(code);
  if (outage === 'refused') {
    return new AppError('DEPENDENCY_REFUSED', `Postgres (DATABASE_URL) refused the connection: ${message} [${code}]`, { details: { dependency: 'postgres' }, cause: e });
  }
  if (outage === 'unavailable' || (NETWORK.has(code) && (pgShaped || /^connect /.test(message))) || (pgShaped && !code)) {
    return new AppError('DEPENDENCY_UNAVAILABLE', `Postgres (DATABASE_URL) is unreachable: ${message}${code ? ` [${code}]` : ''}`, { details: { dependency: 'postgres' }, cause: e });
  }
  return e;
}
