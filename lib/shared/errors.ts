/**
 * Errors sorted by what the operator must do: a stable `code`, whether retrying may help, the HTTP
 * status a web function answers with, and `details` that are safe to show (never secrets or internals).
 */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'CONFIG_INVALID'
  | 'LIVE_NOT_CONFIRMED'
  | 'DEPENDENCY_UNAVAILABLE'
  | 'DEPENDENCY_TIMEOUT'
  /** A dependency refused our credentials (Alpaca's 401/403): fix the key; never the caller's 401. */
  | 'DEPENDENCY_REFUSED'
  | 'BROKER_REJECTED'
  | 'DATA_INVALID'
  | 'LOCK_LOST'
  | 'INTERNAL';

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  CONFIG_INVALID: 500,
  LIVE_NOT_CONFIRMED: 500,
  DEPENDENCY_UNAVAILABLE: 503,
  DEPENDENCY_TIMEOUT: 504,
  DEPENDENCY_REFUSED: 502,
  BROKER_REJECTED: 422,
  DATA_INVALID: 502,
  LOCK_LOST: 409,
  INTERNAL: 500,
};

const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'RATE_LIMITED',
  'DEPENDENCY_UNAVAILABLE',
  'DEPENDENCY_TIMEOUT',
]);

export interface AppErrorOptions {
  details?: unknown;
  retryable?: boolean;
  cause?: unknown;
  /** Seconds the caller should wait before retrying, when the dependency said so. */
  retryAfterSeconds?: number;
}

/** The project's error: bugs throw plain Errors, expected failures throw (or return) an AppError. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly status: number;
  readonly details: unknown;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE.has(code);
    this.status = STATUS[code];
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** True when `e` is an AppError (also across bundle copies of this module). */
export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AppError');
}

/** Whether an operation that failed with `e` may be retried safely. */
export function isRetryable(e: unknown): boolean {
  return isAppError(e) && e.retryable;
}
