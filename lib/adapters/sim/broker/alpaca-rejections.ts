import type { RejectionReason, SubmitOutcome } from '../../../domain/orders.ts';
import { AppError } from '../../../shared/errors.ts';

/** Alpaca's error codes (reference sheet, Errors table). 40010001 for a duplicate client order id is third-party reported. */
export const ALPACA_CODE = {
  forbidden: 40310000,
  unprocessable: 42210000,
  badRequest: 40010001,
  notFound: 40410000,
} as const;

/** A refusal in Alpaca's terms: HTTP status, 8-digit code, message, and any extra body fields Alpaca sends. */
export interface AlpacaRejection {
  reason: RejectionReason;
  httpStatus: 403 | 422;
  code: number;
  message: string;
  extra?: Record<string, string>;
}

type Rejected = Extract<SubmitOutcome, { status: 'rejected' }>;

/** The Broker port's outcome for a refusal. */
export function toRejectedOutcome(r: AlpacaRejection): Rejected {
  return { status: 'rejected', reason: r.reason, message: r.message, httpStatus: r.httpStatus, brokerCode: r.code };
}

/** A validation refusal (422 42210000): bad combination, sub-penny price, not tradable. */
export function invalid(message: string, reason: RejectionReason = 'invalid_request'): AlpacaRejection {
  return { reason, httpStatus: 422, code: ALPACA_CODE.unprocessable, message };
}

/** A 403 refusal (40310000): buying power, quantity, wash trade, shorting. */
export function forbidden(reason: RejectionReason, message: string, extra?: Record<string, string>): AlpacaRejection {
  return { reason, httpStatus: 403, code: ALPACA_CODE.forbidden, message, ...(extra ? { extra } : {}) };
}

/** Alpaca's words for a client order id that was used before (also after a cancel). */
export const DUPLICATE_CLIENT_ORDER_ID = 'client_order_id must be unique';

/** Error for calls that return an order rather than an outcome (cancel, replace, close position). */
export function rejectionError(r: AlpacaRejection): AppError {
  return new AppError(r.httpStatus === 403 ? 'FORBIDDEN' : 'BROKER_REJECTED', r.message, {
    details: { httpStatus: r.httpStatus, alpacaCode: r.code, reason: r.reason, ...(r.extra ? { extra: r.extra } : {}) },
  });
}

/** 404 as Alpaca answers an unknown order or position. */
export function notFoundError(message: string): AppError {
  return new AppError('NOT_FOUND', message, { details: { httpStatus: 404, alpacaCode: ALPACA_CODE.notFound } });
}

/** The Alpaca status and code an AppError from this broker carries (what the facade answers). */
export function alpacaErrorOf(e: AppError): { httpStatus: number; code: number; extra: Record<string, string> } {
  const d = (typeof e.details === 'object' && e.details !== null ? e.details : {}) as { httpStatus?: unknown; alpacaCode?: unknown; extra?: unknown };
  const httpStatus = typeof d.httpStatus === 'number' ? d.httpStatus : e.status;
  const code = typeof d.alpacaCode === 'number' ? d.alpacaCode : httpStatus * 100000 + 10000;
  const extra = typeof d.extra === 'object' && d.extra !== null ? (d.extra as Record<string, string>) : {};
  return { httpStatus, code, extra };
}

/** Formats a number the way Alpaca's messages do: no exponent, no trailing zeros. */
export function plain(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = n.toFixed(9).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}
