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
  const ids = (o: Order): string[] => [o.id, ...o.legs.flatMap(ids)];
  const seen = new Set(nested.flatMap(ids));
  return [...nested, ...flat.filter((o) => !seen.has(o.id))];
}
