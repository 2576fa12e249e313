import type { Fill, Order } from '../../domain/orders.ts';
import type { Broker } from '../../ports/broker.port.ts';

/** One order the system placed, as the broker holds it: what a decision turned into. */
export interface OrderDecision {
  clientOrderId: string;
  symbol: string;
  side: string;
  type: string;
  orderClass: string;
  qty: number | null;
  limitPrice: number | null;
  stopPrice: number | null;
  status: string;
  filledQty: number;
  filledAvgPrice: number | null;
  submittedAt: number;
}

function decisionOf(o: Order): OrderDecision {
  const { clientOrderId, symbol, side, type, orderClass, qty, limitPrice, stopPrice, status, filledQty, filledAvgPrice, submittedAt } = o;
  return { clientOrderId, symbol, side, type, orderClass, qty, limitPrice, stopPrice, status, filledQty, filledAvgPrice, submittedAt };
}

/** Every order at the broker, legs included, each once, paged by creation time. */
async function everyOrder(broker: Broker): Promise<Order[]> {
  const out: Order[] = [];
  const seen = new Set<string>();
  let after: number | undefined;
  for (;;) {
    const page = await broker.listOrders({ status: 'all', nested: true, limit: 500, direction: 'asc', ...(after === undefined ? {} : { after: after - 1 }) });
    let added = 0;
    for (const o of page.flatMap((p) => [p, ...p.legs])) {
      if (seen.has(o.id)) continue;
      seen.add(o.id);
      out.push(o);
      added++;
    }
    if (page.length < 500 || added === 0) break;
    after = page.at(-1)!.createdAt;
  }
  return out;
}

/** Every order at the broker, legs included, oldest first. */
export async function allOrders(broker: Broker): Promise<OrderDecision[]> {
  return (await everyOrder(broker)).map(decisionOf).sort((a, b) => a.submittedAt - b.submittedAt || (a.clientOrderId < b.clientOrderId ? -1 : 1));
}

/** Every execution at the broker, oldest first, with the client order id of the order it filled. */
export async function allFills(broker: Broker): Promise<(Fill & { clientOrderId: string | null })[]> {
  const fills: Fill[] = [];
  let pageToken: string | undefined;
  do {
    const page = await broker.getFills({ pageSize: 100, ...(pageToken ? { pageToken } : {}) });
    fills.push(...page.fills);
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  const ids = new Map((await everyOrder(broker)).map((o) => [o.id, o.clientOrderId]));
  return fills.map((f) => ({ ...f, clientOrderId: ids.get(f.orderId) ?? null }));
}
