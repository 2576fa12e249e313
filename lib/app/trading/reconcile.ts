import type { Broker } from '../../ports/broker.port.ts';
import type { Clock } from '../../ports/clock.port.ts';
import type { BrokerSnapshot, IntentResolution, ReconcileReport, TradingStore } from '../../ports/trading-store.port.ts';
import type { Fill, Order } from '../../domain/orders.ts';
import type { Logger } from '../../platform/logger.ts';
import { addTreeIds, listOpenOrders } from './open-orders.ts';

export interface ReconcileDeps {
  broker: Broker;
  store: TradingStore;
  clock: Clock;
  log: Logger;
}

export interface ReconcileOptions {
  /** With no cursor yet, read fills and closed orders this far back. */
  lookbackMs: number;
  /** An unresolved intent is looked up at most this many times... */
  maxLookups: number;
  /** ...and declared failed (never resent) once this long has passed since it was sent. */
  giveUpAfterMs: number;
  /** A pending intent older than this was never sent (its cycle stopped first) and is closed as failed. */
  stalePendingMs: number;
  /** Pages of fills read per tick at most. */
  maxFillPages: number;
  /** Orders we hold as open but no listing returned, looked up one by one per tick at most. */
  maxStaleLookups: number;
}

export const DEFAULT_RECONCILE: ReconcileOptions = { lookbackMs: 3 * 86_400_000, maxLookups: 10, giveUpAfterMs: 10 * 60_000, stalePendingMs: 5 * 60_000, maxFillPages: 20, maxStaleLookups: 25 };

async function fillsSince(broker: Broker, after: number, maxPages: number): Promise<Fill[]> {
  const out: Fill[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const res = await broker.getFills({ after, pageSize: 100, ...(pageToken ? { pageToken } : {}) });
    out.push(...res.fills);
    if (!res.nextPageToken) break;
    pageToken = res.nextPageToken;
  }
  return out.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

/**
 * The broker is the truth: reads its account, positions, orders and new fills, settles intents whose
 * outcome we do not know (by lookup, never by resending), and writes it all in one fenced transaction.
 * Broker calls per tick are constant (plus lookups of unsettled intents and fill pages).
 */
export async function reconcile(deps: ReconcileDeps, fenceToken: number | null, options: ReconcileOptions = DEFAULT_RECONCILE): Promise<ReconcileReport> {
  const now = deps.clock.now();
  const [cursor, unsettled] = await Promise.all([deps.store.fillCursor(), deps.store.unsettledIntents()]);
  const since = (cursor?.at ?? now - options.lookbackMs) - 60_000;
  const [account, positions, open, recent, fills] = await Promise.all([
    deps.broker.getAccount(),
    deps.broker.getPositions(),
    listOpenOrders(deps.broker),
    deps.broker.listOrders({ status: 'closed', nested: true, after: since, limit: 500 }),
    fillsSince(deps.broker, since, options.maxFillPages),
  ]);
  // One entry per order: a leg listed on its own is dropped when its parent's tree already carries it.
  const legIds = new Set<string>();
  for (const o of recent) for (const l of o.legs) addTreeIds(l, legIds);
  for (const o of open) for (const l of o.legs) addTreeIds(l, legIds);
  const orders = [...new Map([...recent, ...open].filter((o) => !legIds.has(o.id)).map((o) => [o.id, o])).values()];
  // Orders we hold as open that no listing returned (a leg created before the window closed since): ask each.
  const listed = new Set<string>();
  for (const o of orders) addTreeIds(o, listed);
  for (const id of await deps.store.staleOpenOrderIds([...listed], options.maxStaleLookups)) {
    const o = await deps.broker.getOrder(id).catch((e: unknown) => (deps.log.warn('order lookup failed', { orderId: id, error: e }), null));
    if (o) orders.push(o);
  }
  const byClientId = new Map<string, Order>();
  for (const o of orders) byClientId.set(o.clientOrderId, o);

  const resolutions: IntentResolution[] = [];
  for (const intent of unsettled) {
    if (intent.status === 'pending') {
      if (now - intent.createdAt > options.stalePendingMs) {
        resolutions.push({ intentId: intent.id, from: intent.status, status: 'failed', brokerOrderId: null, lookups: intent.lookups, note: 'never sent: its cycle stopped before sending' });
      }
      continue;
    }
    let order = byClientId.get(intent.clientOrderId) ?? null;
    let lookups = intent.lookups;
    if (!order && lookups < options.maxLookups) {
      lookups++;
      try {
        order = await deps.broker.getOrderByClientOrderId(intent.clientOrderId);
      } catch (e) {
        deps.log.warn('lookup by client order id failed', { clientOrderId: intent.clientOrderId, error: e });
      }
    }
    if (order) {
      orders.push(...(orders.some((o) => o.id === order!.id) ? [] : [order]));
      resolutions.push({ intentId: intent.id, from: intent.status, status: 'accepted', brokerOrderId: order.id, lookups, note: 'found at the broker by client order id' });
    } else if (now - (intent.submittedAt ?? intent.createdAt) > options.giveUpAfterMs || lookups >= options.maxLookups) {
      resolutions.push({ intentId: intent.id, from: intent.status, status: 'failed', brokerOrderId: null, lookups, note: 'not at the broker after repeated lookups; not resent' });
    } else {
      resolutions.push({ intentId: intent.id, from: intent.status, status: 'unresolved', brokerOrderId: null, lookups, note: 'not at the broker yet' });
    }
  }
  const last = fills.at(-1);
  const snapshot: BrokerSnapshot = { at: now, account, positions, orders, fills, fillCursor: last ? { at: last.at, id: last.id } : null };
  const report = await deps.store.applySnapshot(snapshot, resolutions, fenceToken);
  if (report.audit.length) deps.log.info('reconcile corrected our records', { corrections: report.audit.map((a) => `${a.action} ${a.subject ?? ''}`) });
  return report;
}
