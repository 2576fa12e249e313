import type { EpochMs } from '../../../domain/time.ts';
import type { OrderPatch, OrderRequest } from '../../../domain/orders.ts';
import { DUPLICATE_CLIENT_ORDER_ID, invalid, notFoundError, rejectionError } from './alpaca-rejections.ts';
import type { Pricer } from './buying-power.ts';
import { commit, openLegsOf, type EngineContext } from './engine-context.ts';
import { trailingStopLevel } from './fill-model.ts';
import { admitOrder } from './order-admission.ts';
import { endOrder } from './order-lifecycle.ts';
import { isTerminal, roundQty, type SimOrder } from './sim-state.ts';

function requestFor(o: SimOrder, patch: OrderPatch): OrderRequest {
  const total = patch.qty ?? o.qty!;
  const trail = patch.trail;
  return {
    clientOrderId: patch.clientOrderId ?? '',
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    timeInForce: patch.timeInForce ?? o.timeInForce,
    qty: roundQty(total - o.filledQty),
    ...(o.limitPrice !== null || patch.limitPrice !== undefined ? { limitPrice: patch.limitPrice ?? o.limitPrice! } : {}),
    ...(o.type === 'stop' || o.type === 'stop_limit' ? { stopPrice: patch.stopPrice ?? o.stopPrice! } : {}),
    ...(o.trailPrice !== null ? { trailPrice: trail ?? o.trailPrice } : {}),
    ...(o.trailPercent !== null ? { trailPercent: trail ?? o.trailPercent } : {}),
    extendedHours: o.extendedHours,
  };
}

function checkPatch(o: SimOrder, patch: OrderPatch): string | null {
  if (o.status === 'accepted' || o.status === 'held' || o.status.startsWith('pending')) return "unable to replace order, order isn't sent to exchange yet";
  if (o.notional !== null) return 'notional orders cannot be replaced: cancel and resubmit';
  if (patch.limitPrice !== undefined && o.type !== 'limit' && o.type !== 'stop_limit') return `limit_price cannot be changed on a ${o.type} order`;
  if (patch.stopPrice !== undefined && o.type !== 'stop' && o.type !== 'stop_limit') return `stop_price cannot be changed on a ${o.type} order`;
  if (patch.trail !== undefined && o.type !== 'trailing_stop') return 'trail can only be changed on a trailing_stop order';
  if (patch.qty !== undefined && !(patch.qty > o.filledQty)) return `qty must be greater than the filled qty ${o.filledQty}`;
  return null;
}

/**
 * Alpaca's replace (PATCH /v2/orders/{id}): a new order with a new id takes the old one's place; the old
 * one ends `replaced` with `replaced_by`, the new one carries `replaces`. `qty` is the new total; what the
 * old order filled stays with it, so the new order works the rest. Exits follow a replaced entry, a
 * replaced exit keeps its bracket, and a trailing stop keeps its high-water mark.
 */
export function replaceOrder(ctx: EngineContext, id: string, patch: OrderPatch, now: EpochMs, pricer: Pricer): SimOrder {
  const o = ctx.session.find(id);
  if (!o) throw notFoundError('order not found');
  if (isTerminal(o.status)) throw rejectionError(invalid(`order is already in "${o.status}" state`));
  const problem = checkPatch(o, patch);
  if (problem) throw rejectionError(invalid(problem));
  if (patch.clientOrderId && ctx.session.findByClientOrderId(patch.clientOrderId)) throw rejectionError(invalid(DUPLICATE_CLIENT_ORDER_ID));
  const admitted = admitOrder(ctx, requestFor(o, patch), now, pricer, o);
  if (!admitted.ok) throw rejectionError(admitted.reason);
  const next = admitted.value[0]!;
  next.orderClass = o.orderClass;
  next.legRole = o.legRole;
  next.parentId = o.parentId;
  next.replaces = o.id;
  next.hwm = o.type === 'trailing_stop' ? o.hwm : next.hwm;
  next.triggered = o.type === 'stop_limit' && patch.stopPrice === undefined ? o.triggered : false;
  if (o.legRole !== null || o.orderClass === 'oco') next.deadline = patch.timeInForce ? next.deadline : o.deadline;
  if (o.type === 'trailing_stop' && next.hwm !== null) next.stopPrice = trailingStopLevel(next, next.hwm);
  for (const leg of openLegsOf(ctx, o.id)) {
    leg.parentId = next.id;
    commit(ctx, leg);
  }
  o.replacedBy = next.id;
  endOrder(ctx, o, 'replaced', now);
  commit(ctx, next);
  return next;
}

