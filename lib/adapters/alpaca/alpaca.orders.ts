import type { trading } from '@alpacahq/alpaca-trade-api/rest';
import { AppError } from '../../shared/errors.ts';
import type { OrderPatch, OrderRequest, RejectionReason } from '../../domain/orders.ts';

/**
 * Orders at the broker boundary: the domain's request as Alpaca's JSON (decimal strings), and Alpaca's
 * refusals in the project's words. Prices are sent as asked: rounding to the asset's increments is the
 * sizing step's job, and a sub-penny price comes back as a rejection rather than being changed here.
 */

/** A quantity or price as the decimal string Alpaca wants: at most 9 decimals, no float noise, no exponent. */
export function formatDecimal(value: number, field: string): string {
  if (!Number.isFinite(value) || value <= 0) throw new AppError('BAD_REQUEST', `order ${field} must be a positive number`, { details: { field } });
  const s = value.toFixed(9).replace(/\.?0+$/, '');
  if (s === '0') throw new AppError('BAD_REQUEST', `order ${field} is below Alpaca's precision (9 decimals)`, { details: { field } });
  return s;
}

const opt = (value: number | undefined, field: string) => (value === undefined ? undefined : formatDecimal(value, field));

/** The POST /v2/orders body (the SDK's camelCase model; it writes snake_case). */
export function toPostOrderRequest(r: OrderRequest): trading.PostOrderRequest {
  if ((r.qty === undefined) === (r.notional === undefined)) {
    throw new AppError('BAD_REQUEST', 'order needs exactly one of qty and notional', { details: { clientOrderId: r.clientOrderId } });
  }
  if (r.clientOrderId.length === 0 || r.clientOrderId.length > 128) {
    throw new AppError('BAD_REQUEST', 'client_order_id must be 1 to 128 characters', { details: { field: 'clientOrderId' } });
  }
  return {
    clientOrderId: r.clientOrderId,
    symbol: r.symbol,
    side: r.side,
    type: r.type,
    timeInForce: r.timeInForce,
    qty: opt(r.qty, 'qty'),
    notional: opt(r.notional, 'notional'),
    limitPrice: opt(r.limitPrice, 'limitPrice'),
    stopPrice: opt(r.stopPrice, 'stopPrice'),
    trailPrice: opt(r.trailPrice, 'trailPrice'),
    trailPercent: opt(r.trailPercent, 'trailPercent'),
    extendedHours: r.extendedHours,
    orderClass: r.orderClass,
    takeProfit: r.takeProfit && { limitPrice: formatDecimal(r.takeProfit.limitPrice, 'takeProfit.limitPrice') },
    stopLoss: r.stopLoss && {
      stopPrice: formatDecimal(r.stopLoss.stopPrice, 'stopLoss.stopPrice'),
      limitPrice: opt(r.stopLoss.limitPrice, 'stopLoss.limitPrice'),
    },
  };
}

/** The PATCH /v2/orders/{id} body. */
export function toPatchOrderRequest(p: OrderPatch): trading.PatchOrderRequest {
  return {
    qty: opt(p.qty, 'qty'),
    limitPrice: opt(p.limitPrice, 'limitPrice'),
    stopPrice: opt(p.stopPrice, 'stopPrice'),
    trail: opt(p.trail, 'trail'),
    timeInForce: p.timeInForce,
    clientOrderId: p.clientOrderId,
  };
}

/** How Alpaca answered a submit it did not accept: a refusal, a duplicate id, or neither. */
export type RefusalClass = { kind: 'rejected'; reason: RejectionReason } | { kind: 'duplicate' } | { kind: 'not_a_refusal' };

/**
 * Sorts a 4xx answer to POST /v2/orders. Alpaca's codes are coarse (40310000 covers buying power, qty
 * and wash trades), so the message decides; 401 and 429 are not refusals of the order (the caller's
 * credentials or pace are wrong) and are thrown by the broker instead.
 */
export function classifyRefusal(status: number, message: string): RefusalClass {
  const m = message.toLowerCase();
  if (status === 401 || status === 429 || status >= 500) return { kind: 'not_a_refusal' };
  if (status === 422 && m.includes('client_order_id') && m.includes('unique')) return { kind: 'duplicate' };
  if (m.includes('wash trade')) return { kind: 'rejected', reason: 'wash_trade' };
  if (m.includes('equity/order ratio') || m.includes('restricted to closing')) return { kind: 'rejected', reason: 'equity_ratio' };
  if (m.includes('too far away from') || m.includes('price away')) return { kind: 'rejected', reason: 'price_away' };
  if (m.includes('buying power')) return { kind: 'rejected', reason: 'insufficient_buying_power' };
  if (m.includes('insufficient qty') || m.includes('qty available') || m.includes('shares is not sufficient')) {
    return { kind: 'rejected', reason: 'insufficient_qty' };
  }
  if (/market (is )?(closed|not open)/.test(m)) return { kind: 'rejected', reason: 'market_closed' };
  if (status === 403) return { kind: 'rejected', reason: 'forbidden' };
  if (m.includes('sub-penny') || /(limit|stop)_price/.test(m) || m.includes('increment')) return { kind: 'rejected', reason: 'invalid_price' };
  if (m.includes('not tradable') || m.includes('not active') || m.includes('asset not found') || /asset .* not found/.test(m)) {
    return { kind: 'rejected', reason: 'not_tradable' };
  }
  return { kind: 'rejected', reason: 'invalid_request' };
}
