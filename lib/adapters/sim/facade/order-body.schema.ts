import * as z from 'zod/mini';
import type { OrderPatch, OrderRequest } from '../../../domain/orders.ts';
import { describeIssues } from '../../../shared/describe-issues.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';

// Bodies of POST /v2/orders and PATCH /v2/orders/{id}, parsed at the edge. Alpaca documents decimals as
// strings and accepts JSON numbers too; both become numbers here, anything else is refused.

const DECIMAL = /^\d+(\.\d+)?$/;
const decimalInput = z.pipe(
  z.union([z.string().check(z.refine((v) => DECIMAL.test(v), { error: 'expected a decimal number such as "10" or "10.5"' })), z.number().check(z.gte(0))]),
  z.transform((v: string | number) => Number(v)),
);
const side = z.enum(['buy', 'sell']);
const type = z.enum(['market', 'limit', 'stop', 'stop_limit', 'trailing_stop']);
const timeInForce = z.enum(['day', 'gtc', 'opg', 'cls', 'ioc', 'fok']);

const orderBody = z.object({
  symbol: z.string().check(z.minLength(1), z.maxLength(32)),
  qty: z.optional(decimalInput),
  notional: z.optional(decimalInput),
  side,
  type,
  time_in_force: timeInForce,
  limit_price: z.optional(decimalInput),
  stop_price: z.optional(decimalInput),
  trail_price: z.optional(decimalInput),
  trail_percent: z.optional(decimalInput),
  extended_hours: z.optional(z.boolean()),
  client_order_id: z.optional(z.string().check(z.maxLength(128))),
  order_class: z.optional(z.enum(['simple', 'bracket', 'oco', 'oto', ''])),
  take_profit: z.optional(z.object({ limit_price: decimalInput })),
  stop_loss: z.optional(z.object({ stop_price: decimalInput, limit_price: z.optional(decimalInput) })),
  position_intent: z.optional(z.enum(['buy_to_open', 'buy_to_close', 'sell_to_open', 'sell_to_close'])),
});

const patchBody = z.object({
  qty: z.optional(decimalInput),
  limit_price: z.optional(decimalInput),
  stop_price: z.optional(decimalInput),
  trail: z.optional(decimalInput),
  time_in_force: z.optional(timeInForce),
  client_order_id: z.optional(z.string().check(z.maxLength(128))),
});

/** Why a body was refused, in words (field: problem; never the value). */
export type BodyProblem = string;

function problems(issues: Parameters<typeof describeIssues>[0]): BodyProblem {
  return describeIssues(issues)
    .map((p) => `${p.field}: ${p.problem}`)
    .join('; ');
}

/** Parses the JSON of POST /v2/orders into the port's OrderRequest (an empty client order id lets the broker assign one). */
export function parseOrderBody(json: unknown): Result<OrderRequest, BodyProblem> {
  const r = orderBody.safeParse(json);
  if (!r.success) return fail(problems(r.error.issues));
  const b = r.data;
  const req: OrderRequest = {
    clientOrderId: b.client_order_id ?? '',
    symbol: b.symbol.toUpperCase(),
    side: b.side,
    type: b.type,
    timeInForce: b.time_in_force,
  };
  if (b.qty !== undefined) req.qty = b.qty;
  if (b.notional !== undefined) req.notional = b.notional;
  if (b.limit_price !== undefined) req.limitPrice = b.limit_price;
  if (b.stop_price !== undefined) req.stopPrice = b.stop_price;
  if (b.trail_price !== undefined) req.trailPrice = b.trail_price;
  if (b.trail_percent !== undefined) req.trailPercent = b.trail_percent;
  if (b.extended_hours !== undefined) req.extendedHours = b.extended_hours;
  if (b.order_class !== undefined) req.orderClass = b.order_class === '' ? 'simple' : b.order_class;
  if (b.take_profit) req.takeProfit = { limitPrice: b.take_profit.limit_price };
  if (b.stop_loss) req.stopLoss = b.stop_loss.limit_price === undefined ? { stopPrice: b.stop_loss.stop_price } : { stopPrice: b.stop_loss.stop_price, limitPrice: b.stop_loss.limit_price };
  return ok(req);
}

/** Parses the JSON of PATCH /v2/orders/{id}. */
export function parsePatchBody(json: unknown): Result<OrderPatch, BodyProblem> {
  const r = patchBody.safeParse(json);
  if (!r.success) return fail(problems(r.error.issues));
  const b = r.data;
  const patch: OrderPatch = {};
  if (b.qty !== undefined) patch.qty = b.qty;
  if (b.limit_price !== undefined) patch.limitPrice = b.limit_price;
  if (b.stop_price !== undefined) patch.stopPrice = b.stop_price;
  if (b.trail !== undefined) patch.trail = b.trail;
  if (b.time_in_force !== undefined) patch.timeInForce = b.time_in_force;
  if (b.client_order_id !== undefined) patch.clientOrderId = b.client_order_id;
  return ok(patch);
}
