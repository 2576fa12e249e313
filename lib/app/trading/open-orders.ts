import type { Broker } from '../../ports/broker.port.ts';
import type { Order } from '../../domain/orders.ts';

/**
 * Every open order: bracket trees as the broker nests them, plus the open legs of brackets whose entry has
 * filled. Alpaca (and the simulator, which follows it) lists a filled entry with neither open nor nested
 * orders, so its take-profit and stop legs appear only in the flat list; without them an exit cannot
 * release the quantity the legs hold, and the stop cannot be trailed. Two broker calls, whatever the count.
 */
export async function listOpenOrders(broker: Broker): Promise<Order[]> {
  const [nested, flat] = await Promise.all([broker.listOrders({ status: 'open', nested: true, limit: 500 }), broker.listOrders({ status: 'open', nested: false, limit: 500 })]);
  const seen = new Set<string>();
  for (const o of nested) addTreeIds(o, seen);
  return [...nested, ...flat.filter((o) => !seen.has(o.id))];
}

/** Adds the ids of an order and of its legs, all the way down (a module function: no named closure per tick). */
export function addTreeIds(o: Order, into: Set<string>): void {
  into.add(o.id);
  for (const l of o.legs) addTreeIds(l, into);
}
