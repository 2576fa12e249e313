import type { Broker, FillPage } from '../../ports/broker.port.ts';
import type { Clock } from '../../ports/clock.port.ts';
import type { BrokerSnapshot, IntentResolution, ReconcileReport, TradingStore } from '../../ports/trading-store.port.ts';
import type { Fill, Order } from '../../domain/orders.ts';
import type { Logger } from '../../platform/logger.ts';
import { addTreeIds, mergeOpenListings, OPEN_FLAT, OPEN_NESTED } from './open-orders.ts';

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

const byTimeThenId = (a: Fill, b: Fill) => a.at - b.at || a.id.localeCompare(b.id);

/** Fills after `after`, oldest first: the first page (read with the tick's other broker reads), then up to `maxPages` in all. */
async function fillsSince(broker: Broker, after: number, first: FillPage, maxPages: number): Promise<Fill[]> {
  const out = first.fills.slice();
  let pageToken = first.nextPageToken;
  for (let page = 1; page < maxPages && pageToken; page++) {
    const res = await broker.getFills({ after, pageSize: 100, pageToken });
    out.push(...res.fills);
    pageToken = res.nextPageToken;
  }
  return out.sort(byTimeThenId);
}

/** One entry per order, open listings winning: a leg listed on its own is dropped when its parent's tree already carries it. */
function mergeListings(recent: readonly Order[], open: readonly Order[]): Order[] {
  const legIds = new Set<string>();
  for (const o of recent) for (const l of o.legs) addTreeIds(l, legIds);
  for (const o of open) for (const l of o.legs) addTreeIds(l, legIds);
  const byId = new Map<string, Order>();
  for (const o of recent) if (!legIds.has(o.id)) byId.set(o.id, o);
  for (const o of open) if (!legIds.has(o.id)) byId.set(o.id, o);
  return [...byId.values()];
}

function treeIdsOf(orders: readonly Order[]): string[] {
  const ids = new Set<string>();
  for (const o of orders) addTreeIds(o, ids);
  return [...ids];
}

/**
 * The broker is the truth: reads its account, positions, orders and new fills, settles intents whose
 * outcome we do not know (by lookup, never by resending), and writes it all in one fenced transaction.
 * Broker calls per tick are constant (plus lookups of unsettled intents and fill pages).
 */
export async function reconcile(deps: ReconcileDeps, fenceToken: number | null, options: ReconcileOptions = DEFAULT_RECONCILE): Promise<ReconcileReport> {
  const now = deps.clock.now();
  // Results read by index, not destructured: destructuring walks an iterator, which costs every tick until V8 optimises.
  const stored = await Promise.all([deps.store.fillCursor(), deps.store.unsettledIntents()]);
  const cursor = stored[0];
  const unsettled = stored[1];
  const since = (cursor?.at ?? now - options.lookbackMs) - 60_000;
  // The open listings are read here rather than through listOpenOrders, and the first fill page with them:
  // the same broker calls in the same order, awaited together (a quiet tick then makes no call past these).
  const read = await Promise.all([
    deps.broker.getAccount(),
    deps.broker.getPositions(),
    deps.broker.listOrders(OPEN_NESTED),
    deps.broker.listOrders(OPEN_FLAT),
    deps.broker.listOrders({ status: 'closed', nested: true, after: since, limit: 500 }),
    options.maxFillPages > 0 ? deps.broker.getFills({ after: since, pageSize: 100 }) : { fills: [], nextPageToken: null },
  ]);
  const account = read[0];
  const positions = read[1];
  const recent = read[4];
  const firstFills = read[5];
  const open = mergeOpenListings(read[2], read[3]);
  const fills = firstFills.nextPageToken === null && firstFills.fills.length < 2 ? firstFills.fills : await fillsSince(deps.broker, since, firstFills, options.maxFillPages);
  const orders: Order[] = recent.length === 0 && open.length === 0 ? [] : mergeListings(recent, open);
  // Orders we hold as open that no listing returned (a leg created before the window closed since): ask each.
  for (const id of await deps.store.staleOpenOrderIds(orders.length === 0 ? [] : treeIdsOf(orders), options.maxStaleLookups)) {
    const o = await deps.broker.getOrder(id).catch((e: unknown) => (deps.log.warn('order lookup failed', { orderId: id, error: e }), null));
    if (o) orders.push(o);
  }
  const byClientId = new Map<string, Order>();
  if (unsettled.length > 0) for (const o of orders) byClientId.set(o.clientOrderId, o);

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
  const last = fills.length === 0 ? undefined : fills[fills.length - 1];
  const snapshot: BrokerSnapshot = { at: now, account, positions, orders, fills, fillCursor: last ? { at: last.at, id: last.id } : null };
  const report = await deps.store.applySnapshot(snapshot, resolutions, fenceToken);
  if (report.audit.length) deps.log.info('reconcile corrected our records', { corrections: report.audit.map((a) => `${a.action} ${a.subject ?? ''}`) });
  return report;
}
