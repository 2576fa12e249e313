import { ApiError, FetchError } from '@alpacahq/alpaca-trade-api/rest';
import { AppError, type ErrorCode } from '../../shared/errors.ts';
import { scrubSecrets } from '../../platform/logger.ts';
import type { EpochMs } from '../../domain/time.ts';

/**
 * Why a request to Alpaca did not succeed, as a value. `http` means Alpaca answered (the request was
 * processed or refused); `timeout` and `network` mean we cannot know whether it arrived.
 */
export type AlpacaFailure =
  | {
      kind: 'http';
      status: number;
      /** Alpaca's 8-digit code, when the body had one. */
      code: number | undefined;
      message: string;
      retryAfterSeconds: number | undefined;
      requestId: string | undefined;
      headers: Headers;
    }
  | { kind: 'timeout'; message: string }
  | { kind: 'network'; message: string };

/** Seconds to wait from `Retry-After` (seconds or an HTTP date), else from `X-RateLimit-Reset` (unix s). */
export function retryAfterSeconds(headers: Headers, now: EpochMs): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const secs = Number(retryAfter);
    if (Number.isFinite(secs)) return Math.max(0, Math.ceil(secs));
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - now) / 1000));
  }
  const reset = Number(headers.get('x-ratelimit-reset') ?? Number.NaN);
  return Number.isFinite(reset) && reset > 0 ? Math.max(0, Math.ceil(reset - now / 1000)) : undefined;
}

/**
 * Turns what the SDK threw into a failure value. Messages are scrubbed of secrets here, once, because a
 * proxy or a misbehaving facade may echo request headers back in a body. Anything that is neither an
 * HTTP answer nor a transport failure is a bug and is rethrown.
 */
export function failureFromSdkError(e: unknown, secrets: readonly string[], now: EpochMs): AlpacaFailure {
  if (e instanceof ApiError) {
    const code = typeof e.code === 'number' ? e.code : e.code !== undefined && /^\d+$/.test(String(e.code)) ? Number(e.code) : undefined;
    return {
      kind: 'http',
      status: e.status,
      code,
      message: scrubSecrets(e.message, secrets),
      retryAfterSeconds: retryAfterSeconds(e.response.headers, now),
      requestId: e.requestId,
      headers: e.response.headers,
    };
  }
  if (e instanceof FetchError) {
    const name = e.cause?.name;
    const detail = scrubSecrets(e.cause?.message ?? e.message, secrets);
    if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout', message: `timed out (${detail})` };
    return { kind: 'network', message: `network error (${detail})` };
  }
  throw e;
}

function codeFor(status: number, brokerCode: number | undefined): ErrorCode {
  // Alpaca refusing our keys or our plan is a dependency failure: the caller's own session is fine. A 403
  // with Alpaca's 8-digit code (40310000: buying power, quantity held by orders) refuses the request itself.
  if (status === 401 || (status === 403 && brokerCode === undefined)) return 'DEPENDENCY_REFUSED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409 || status === 422) return 'BROKER_REJECTED';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 408 || status === 504) return 'DEPENDENCY_TIMEOUT';
  if (status >= 500) return 'DEPENDENCY_UNAVAILABLE';
  return 'BAD_REQUEST';
}

/**
 * The AppError for a failure. `idempotent` says whether sending the same request again is harmless (reads,
 * a cancel): only then are 5xx, timeouts and network errors retryable. A 429 is always retryable: Alpaca
 * refused it before doing anything. Auth and validation failures never are.
 */
export function toAppError(endpoint: string, failure: AlpacaFailure, idempotent: boolean): AppError {
  if (failure.kind !== 'http') {
    const code: ErrorCode = failure.kind === 'timeout' ? 'DEPENDENCY_TIMEOUT' : 'DEPENDENCY_UNAVAILABLE';
    return new AppError(code, `Alpaca ${endpoint}: ${failure.message}`, { retryable: idempotent, details: { endpoint } });
  }
  const code = codeFor(failure.status, failure.code);
  const transient = code === 'DEPENDENCY_TIMEOUT' || code === 'DEPENDENCY_UNAVAILABLE';
  const retryable = code === 'RATE_LIMITED' || (transient && idempotent);
  const brokerCode = failure.code === undefined ? '' : ` ${failure.code}`;
  const hint = code === 'DEPENDENCY_REFUSED' ? ' (Alpaca refused the API key or the plan: check APCA_API_KEY_ID / APCA_API_SECRET_KEY and the data feed)' : '';
  return new AppError(code, `Alpaca ${endpoint}: HTTP ${failure.status}${brokerCode} ${failure.message}${hint}`, {
    retryable,
    retryAfterSeconds: failure.retryAfterSeconds,
    details: { endpoint, httpStatus: failure.status, brokerCode: failure.code, requestId: failure.requestId },
  });
}

/** True when Alpaca may or may not have acted on the request (so a write must be reconciled, not resent). */
export function isAmbiguous(failure: AlpacaFailure): boolean {
  return failure.kind !== 'http' || failure.status >= 500 || failure.status === 408;
}
