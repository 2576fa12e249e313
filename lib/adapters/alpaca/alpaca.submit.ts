import { isAppError, type AppError } from '../../shared/errors.ts';
import type { Order, OrderRequest, SubmitOutcome } from '../../domain/orders.ts';
import type { AlpacaClient, Exchange } from './alpaca.client.ts';
import { isAmbiguous, type AlpacaFailure } from './alpaca.errors.ts';
import { orderWire } from './alpaca.models.ts';
import { classifyRefusal, toPostOrderRequest } from './alpaca.orders.ts';
import { decode, orderFromWire } from './alpaca.parse.ts';

const SUBMIT = 'POST /v2/orders';
const BY_CLIENT_ID = 'GET /v2/orders:by_client_order_id';

type Lookup = { found: Order } | { missing: true } | { failed: AppError };

/**
 * Looks an order up by its client order id: found, definitely absent (404), or unknown (any other
 * failure, including a malformed answer). Never throws: it is what settles an ambiguous submit.
 */
export async function lookupByClientOrderId(client: AlpacaClient, clientOrderId: string): Promise<Lookup> {
  try {
    const r = await client.exchange('trading', BY_CLIENT_ID, () => client.sdk.trading.orders.getOrderByClientOrderIdRaw({ clientOrderId }));
    if (r.ok) return { found: orderFromWire(decode(orderWire, r.body, BY_CLIENT_ID)) };
    if (r.failure.kind === 'http' && r.failure.status === 404) return { missing: true };
    return { failed: client.fail(BY_CLIENT_ID, r.failure, true) };
  } catch (e) {
    if (isAppError(e)) return { failed: e };
    throw e;
  }
}

/**
 * Submits an order exactly once (the SDK never replays a POST and its retries are off anyway) and turns
 * every answer into a SubmitOutcome. Refusals are values; an ambiguous or unreadable answer (timeout,
 * network error, 5xx, a 2xx we cannot parse) is settled by a lookup by client order id, never by sending
 * again. Throws only
 * when nothing was done: a bug in the request (BAD_REQUEST), bad credentials (401), Alpaca's 429 or our
 * own exhausted budget (RATE_LIMITED: safe to send later).
 */
export async function submitOrder(client: AlpacaClient, request: OrderRequest): Promise<SubmitOutcome> {
  const body = toPostOrderRequest(request);
  const log = client.logger.child({ clientOrderId: request.clientOrderId, symbol: request.symbol });
  // A 2xx means the order exists even when its body cannot be read; the lookup may still read it.
  const unreadable = async (e: AppError): Promise<SubmitOutcome> => {
    const lookup = await lookupByClientOrderId(client, request.clientOrderId);
    if ('found' in lookup) return { status: 'accepted', order: lookup.found };
    log.error('alpaca accepted an order but its answer is unreadable', { message: e.message });
    return { status: 'unresolved', message: `accepted by Alpaca, but the answer is unreadable: ${e.message}` };
  };
  let r: Exchange;
  try {
    r = await client.exchange('trading', SUBMIT, () => client.sdk.trading.orders.postOrderRaw({ postOrderRequest: body }));
  } catch (e) {
    // DATA_INVALID here is a 2xx whose body is not JSON; anything else thrown here was never sent.
    if (isAppError(e) && e.code === 'DATA_INVALID') return unreadable(e);
    throw e;
  }
  if (r.ok) {
    try {
      return { status: 'accepted', order: orderFromWire(decode(orderWire, r.body, SUBMIT)) };
    } catch (e) {
      if (!isAppError(e)) throw e;
      return unreadable(e);
    }
  }
  const failure = r.failure;
  if (failure.kind !== 'http' || isAmbiguous(failure)) return resolveAmbiguous(client, request.clientOrderId, failure);
  const refusal = classifyRefusal(failure.status, failure.message);
  if (refusal.kind === 'not_a_refusal') throw client.fail(SUBMIT, failure, false);
  if (refusal.kind === 'duplicate') {
    const lookup = await lookupByClientOrderId(client, request.clientOrderId);
    log.warn('alpaca reports a duplicate client order id', { resolved: 'found' in lookup });
    return { status: 'duplicate', order: 'found' in lookup ? lookup.found : null };
  }
  log.info('alpaca rejected an order', { reason: refusal.reason, httpStatus: failure.status, brokerCode: failure.code });
  return {
    status: 'rejected',
    reason: refusal.reason,
    message: failure.message,
    httpStatus: failure.status,
    ...(failure.code === undefined ? {} : { brokerCode: failure.code }),
  };
}

async function resolveAmbiguous(client: AlpacaClient, clientOrderId: string, failure: AlpacaFailure): Promise<SubmitOutcome> {
  const log = client.logger.child({ clientOrderId });
  const lookup = await lookupByClientOrderId(client, clientOrderId);
  if ('found' in lookup) {
    log.warn('ambiguous submit resolved: alpaca has the order', { cause: failure.message });
    return { status: 'accepted', order: lookup.found };
  }
  const why = 'missing' in lookup ? 'no order with this client order id at Alpaca yet' : `lookup failed too (${lookup.failed.message})`;
  log.warn('ambiguous submit unresolved: never resend, reconcile later', { cause: failure.message, why });
  return { status: 'unresolved', message: `submit ${failure.message}; ${why}` };
}
