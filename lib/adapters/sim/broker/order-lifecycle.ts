import type { EpochMs } from '../../../domain/time.ts';
import type { OrderStatus } from '../../../domain/orders.ts';
import { commit, openLegsOf, type EngineContext } from './engine-context.ts';
import { bookExecution } from './ledger.ts';
import { activityId, nextId } from './sim-ids.ts';
import { isTerminal, remainingQty, roundMoney, roundQty, type SimOrder } from './sim-state.ts';

/** True for the entry of a bracket or OTO (its exits wait, `held`, until it fills). */
function isEntryWithExits(o: SimOrder): boolean {
  return (o.orderClass === 'bracket' || o.orderClass === 'oto') && o.legRole === null;
}

/** The open orders that exclude `o`: the other exits of its bracket, or the other side of its OCO. */
export function exclusiveSiblings(ctx: EngineContext, o: SimOrder): SimOrder[] {
  if (o.orderClass === 'oco') {
    const root = o.parentId ?? o.id;
    const rootOrder = o.parentId === null ? undefined : ctx.session.open.get(root);
    return [...(rootOrder ? [rootOrder] : []), ...openLegsOf(ctx, root)].filter((x) => x !== o && !isTerminal(x.status));
  }
  if (o.legRole !== null && o.parentId !== null) return openLegsOf(ctx, o.parentId).filter((x) => x !== o);
  return [];
}

/** Exits of a filled (or partly filled and ended) entry go live for the filled quantity from `activeFrom`. */
export function activateLegs(ctx: EngineContext, parent: SimOrder, activeFrom: EpochMs): void {
  for (const leg of openLegsOf(ctx, parent.id)) {
    if (leg.status !== 'held') continue;
    leg.qty = parent.filledQty;
    leg.status = 'new';
    leg.activeFrom = activeFrom;
    leg.updatedAt = activeFrom;
    commit(ctx, leg);
  }
}

/** Ends a working order (canceled, expired, replaced). A bracket entry that ends takes its held exits with it, or arms them for what it filled. */
export function endOrder(ctx: EngineContext, o: SimOrder, status: Extract<OrderStatus, 'canceled' | 'expired' | 'replaced'>, at: EpochMs): void {
  if (isTerminal(o.status)) return;
  o.status = status;
  o.updatedAt = at;
  if (status === 'canceled') o.canceledAt = at;
  else if (status === 'expired') o.expiredAt = at;
  else o.replacedAt = at;
  commit(ctx, o);
  if (!isEntryWithExits(o) || status === 'replaced') return;
  if (o.filledQty > 0) activateLegs(ctx, o, at);
  else for (const leg of openLegsOf(ctx, o.id)) endOrder(ctx, leg, 'canceled', at);
}

/**
 * Asks for one order to be canceled, as Alpaca does: an order that never reached the venue (accepted, a
 * held exit) ends at once; a working one shows `pending_cancel`, keeps its quantity held and may still
 * fill until the cancel completes `cancelDelayMs` later (its deadline; matching-engine ends it then).
 */
function requestCancel(ctx: EngineContext, o: SimOrder, at: EpochMs): void {
  if (isTerminal(o.status) || o.status === 'pending_cancel') return;
  const delay = ctx.config.cancelDelayMs;
  if (delay <= 0 || o.status === 'accepted' || o.status === 'held' || o.activeFrom > at) return endOrder(ctx, o, 'canceled', at);
  o.status = 'pending_cancel';
  o.updatedAt = at;
  o.deadline = Math.min(o.deadline ?? Number.POSITIVE_INFINITY, at + delay);
  commit(ctx, o);
}

/** True for an order whose cancel was requested and has not completed. */
export function isCancelPending(o: SimOrder): boolean {
  return o.status === 'pending_cancel';
}

/** A cancel request: the order and every order it is linked with (its exits, or the other side of its bracket / OCO). */
export function cancelWithGroup(ctx: EngineContext, o: SimOrder, at: EpochMs): void {
  const parent = o.legRole !== null && o.parentId !== null ? ctx.session.open.get(o.parentId) : undefined;
  if (parent && isEntryWithExits(parent) && parent.filledQty === 0) return cancelWithGroup(ctx, parent, at);
  const siblings = exclusiveSiblings(ctx, o);
  // A bracket entry's held exits follow endOrder when its cancel completes (canceled, or armed for what filled).
  requestCancel(ctx, o, at);
  for (const x of siblings) requestCancel(ctx, x, at);
}

/** Completes every pending cancel of `symbol` (or all) at once: Alpaca's own liquidation (close all positions with cancel_orders) waits for them. */
export function completeCancels(ctx: EngineContext, at: EpochMs, symbol?: string): void {
  for (const o of [...ctx.session.open.values()]) if (isCancelPending(o) && (symbol === undefined || o.symbol === symbol)) endOrder(ctx, o, 'canceled', at);
}

/** Notional orders are done when less than half a cent is left to spend. */
function isDone(o: SimOrder): boolean {
  if (o.qty !== null) return o.filledQty >= o.qty - 1e-9;
  return (o.notional ?? 0) - o.filledValue < 0.005;
}

/**
 * Books one execution of `o` at `at`: the order's filled quantity and average price, the account's cash
 * and position, a FILL / partial_fill activity; then the linked orders: a filled entry arms its exits
 * (from the next bar, `exitsFrom`), a filled exit cancels the other exits, a partly filled exit shrinks them.
 */
export function recordExecution(
  ctx: EngineContext,
  o: SimOrder,
  exec: { qty: number; price: number; fee: number; at: EpochMs; exitsFrom: EpochMs },
): void {
  const state = ctx.session.state;
  o.filledQty = roundQty(o.filledQty + exec.qty);
  o.filledValue = roundMoney(o.filledValue + exec.qty * exec.price);
  o.filledAvgPrice = o.filledValue / o.filledQty;
  o.fees = roundMoney(o.fees + exec.fee);
  o.updatedAt = exec.at;
  const done = isDone(o);
  // A fill during a pending cancel leaves the cancel pending for what is left.
  o.status = done ? 'filled' : isCancelPending(o) ? 'pending_cancel' : 'partially_filled';
  if (done) o.filledAt = exec.at;
  commit(ctx, o);
  bookExecution(state, { symbol: o.symbol, assetClass: o.assetClass, side: o.side, qty: exec.qty, price: exec.price, fee: exec.fee, at: exec.at });
  const leaves = o.qty === null ? (done ? 0 : roundQty(((o.notional ?? 0) - o.filledValue) / exec.price)) : remainingQty(o);
  ctx.session.addFill({
    id: activityId(exec.at, nextId(state)),
    orderId: o.id,
    symbol: o.symbol,
    side: o.side,
    qty: exec.qty,
    price: exec.price,
    at: exec.at,
    cumQty: o.filledQty,
    leavesQty: leaves,
    kind: done ? 'fill' : 'partial_fill',
    fee: exec.fee,
    orderStatus: o.status,
  });
  for (const sibling of exclusiveSiblings(ctx, o)) {
    if (done) {
      endOrder(ctx, sibling, 'canceled', exec.at);
    } else {
      sibling.qty = roundQty(sibling.filledQty + remainingQty(o));
      sibling.updatedAt = exec.at;
      commit(ctx, sibling);
    }
  }
  if (done && isEntryWithExits(o)) activateLegs(ctx, o, exec.exitsFrom);
}
