import type { Broker, OrderQuery } from '../../ports/broker.port.ts';
import type { Order } from '../../domain/orders.ts';

/** The two listings every open order comes from (reconcile reads them with its other broker reads). */
export const OPEN_NESTED: Readonly<OrderQuery> = Object.freeze({ status: 'open', nested: true, limit: 500 });
export const OPEN_FLAT: Readonly<OrderQuery> = Object.freeze({ status: 'open', nested: false, limit: 500 });

/**
 * Every open order: bracket trees as the broker nests them, plus the open legs of brackets whose entry has
 * filled. Alpaca (and the simulator, which follows it) lists a filled entry with neither open nor nested
 * orders, so its take-profit and stop legs appear only in the flat list; without them an exit cannot
 * release the quantity the legs hold, and the stop cannot be trailed. Two broker calls, whatever the count.
 */
export async function listOpenOrders(broker: Broker): Promise<Order[]> {
  const [nested, flat] = await Promise.all([broker.listOrders(OPEN_NESTED), broker.listOrders(OPEN_FLAT)]);
  return mergeOpenListings(nested, flat);
}

/**
 * The two open listings as one: the nested trees, then the flat orders no tree carries. Either listing empty
 * (a quiet account's every tick) answers the other as it is, without building the set of tree ids.
 */
export function mergeOpenListings(nested: Order[], flat: Order[]): Order[] {
  if (flat.length === 0) return nested;
  if (nested.length === 0) return flat;
  const seen = new Set<string>();
  for (const o of nested) addTreeIds(o, seen);
  const out = nested.slice();
  for (const o of flat) if (!seen.has(o.id)) out.push(o);
  return out;
}

/** Adds the ids of an order and of its legs, all the way down (a module function: no named closure per tick). */
export function addTreeIds(o: Order, into: Set<string>): void {
  into.add(o.id);
  for (const l of o.legs) addTreeIds(l, into);
}
