import type { Order } from '../../../domain/orders.ts';
import type { SimOrder } from './sim-state.ts';

/** The Broker port's Order for a simulated order; `legsOf` supplies its current exits (replaced ones are left out). */
export function orderView(o: SimOrder, legsOf: ((parentId: string) => readonly SimOrder[]) | null): Order {
  const legs = legsOf
    ? legsOf(o.id)
        .filter((l) => l.status !== 'replaced')
        .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
        .map((l) => orderView(l, null))
    : [];
  return {
    id: o.id,
    clientOrderId: o.clientOrderId,
    symbol: o.symbol,
    assetClass: o.assetClass,
    side: o.side,
    type: o.type,
    timeInForce: o.timeInForce,
    orderClass: o.orderClass,
    status: o.status,
    qty: o.qty,
    notional: o.notional,
    filledQty: o.filledQty,
    filledAvgPrice: o.filledAvgPrice,
    limitPrice: o.limitPrice,
    stopPrice: o.stopPrice,
    trailPrice: o.trailPrice,
    trailPercent: o.trailPercent,
    hwm: o.hwm,
    extendedHours: o.extendedHours,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    submittedAt: o.submittedAt,
    filledAt: o.filledAt,
    canceledAt: o.canceledAt,
    expiredAt: o.expiredAt,
    replacedBy: o.replacedBy,
    replaces: o.replaces,
    legs,
  };
}
