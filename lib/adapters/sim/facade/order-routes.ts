import type { SubmitOutcome } from '../../../domain/orders.ts';
import type { Broker } from '../../../ports/broker.port.ts';
import { DUPLICATE_CLIENT_ORDER_ID } from '../broker/alpaca-rejections.ts';
import { timeParam } from './trading-routes.ts';
import { AlpacaHttpError, badParameter, errorResponse, flag, integer, oneOf, symbolList, type FacadeRequest, type FacadeResponse, type Route } from './http-kit.ts';
import { parseOrderBody, parsePatchBody } from './order-body.schema.ts';
import { orderJson } from './trading-wire.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function jsonBody(req: FacadeRequest): unknown {
  try {
    return JSON.parse(req.body || 'null');
  } catch {
    throw new AlpacaHttpError(400, 40010000, 'request body format is invalid');
  }
}

function orderId(id: string): string {
  // Alpaca answers a malformed id like this (alpacahq/Alpaca-API#135).
  if (!UUID.test(id)) throw new AlpacaHttpError(422, 40010001, 'order_id is missing');
  return id;
}

/** POST /v2/orders answers: the order, or Alpaca's refusal with its status, code and message. */
export function submitResponse(outcome: SubmitOutcome): FacadeResponse {
  switch (outcome.status) {
    case 'accepted':
      return { status: 200, body: orderJson(outcome.order, true) };
    case 'duplicate':
      return { status: 422, body: { code: 40010001, message: DUPLICATE_CLIENT_ORDER_ID } };
    case 'rejected':
      return { status: outcome.httpStatus, body: { code: outcome.brokerCode ?? outcome.httpStatus * 100_000 + 10_000, message: outcome.message } };
    case 'unresolved':
      return { status: 500, body: { code: 50010000, message: 'order submission could not be confirmed' } };
  }
}

/** The /v2/orders family: list, submit, cancel all (207), get, replace, cancel, and lookup by client order id. */
export function orderRoutes(broker: Broker): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/v2\/orders$/,
      handle: async (req) => {
        const nested = flag(req.query, 'nested', false);
        const symbols = symbolList(req.query);
        const orders = await broker.listOrders({
          status: oneOf(req.query, 'status', ['open', 'closed', 'all'] as const, 'open'),
          limit: integer(req.query, 'limit', 50, 1, 500),
          direction: oneOf(req.query, 'direction', ['asc', 'desc'] as const, 'desc'),
          nested,
          ...(symbols.length ? { symbols } : {}),
          ...(timeParam(req, 'after') !== undefined ? { after: timeParam(req, 'after') } : {}),
          ...(timeParam(req, 'until') !== undefined ? { until: timeParam(req, 'until') } : {}),
        });
        return { status: 200, body: orders.map((o) => orderJson(o, nested)) };
      },
    },
    {
      method: 'POST',
      pattern: /^\/v2\/orders$/,
      handle: async (req) => {
        const parsed = parseOrderBody(jsonBody(req));
        if (!parsed.ok) throw badParameter(parsed.reason);
        return submitResponse(await broker.submitOrder(parsed.value));
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/v2\/orders$/,
      handle: async () => {
        const results = [];
        for (const o of await broker.listOrders({ status: 'open', limit: 500, nested: false })) {
          try {
            await broker.cancelOrder(o.id);
            results.push({ id: o.id, status: 200 });
          } catch (e) {
            // Canceling one exit of a bracket cancels the other: that one is done, not failed.
            const now = await broker.getOrder(o.id);
            results.push({ id: o.id, status: now?.status === 'canceled' || now?.status === 'pending_cancel' ? 200 : errorResponse(e).status });
          }
        }
        return { status: 207, body: results };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v2\/orders:by_client_order_id$/,
      handle: async (req) => {
        const id = req.query.get('client_order_id');
        if (!id) throw badParameter('client_order_id is required');
        const order = await broker.getOrderByClientOrderId(id);
        if (!order) throw new AlpacaHttpError(404, 40410000, 'order not found');
        return { status: 200, body: orderJson(order, true) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v2\/orders\/(?<id>[^/]+)$/,
      handle: async (req, { id }) => {
        const order = await broker.getOrder(orderId(id!));
        if (!order) throw new AlpacaHttpError(404, 40410000, `order not found for ${id}`);
        return { status: 200, body: orderJson(order, flag(req.query, 'nested', false)) };
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/v2\/orders\/(?<id>[^/]+)$/,
      handle: async (req, { id }) => {
        const parsed = parsePatchBody(jsonBody(req));
        if (!parsed.ok) throw badParameter(parsed.reason);
        return { status: 200, body: orderJson(await broker.replaceOrder(orderId(id!), parsed.value), true) };
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/v2\/orders\/(?<id>[^/]+)$/,
      handle: async (_req, { id }) => {
        await broker.cancelOrder(orderId(id!));
        return { status: 204 };
      },
    },
  ];
}
