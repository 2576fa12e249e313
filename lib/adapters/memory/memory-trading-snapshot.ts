import type { Order } from '../../domain/orders.ts';
import type { BrokerSnapshot, IntentResolution, ReconcileReport } from '../../ports/trading-store.port.ts';
import { planReconcile, type IntentRef, type StoredPosition } from '../../domain/reconcile/plan.ts';
import { rMultiple, type RoundTrip } from '../../domain/round-trips.ts';
import { fromJsonb, instant, toJsonb } from './memory-json.ts';
import { insertSorted, TERMINAL_ORDER, type AuditRow, type MemoryTradingTables, type OrderRow, type TradeRow } from './memory-trading-tables.ts';

/** Maps a trades row to a round trip (a fresh object). */
export function toTrip(r: TradeRow): RoundTrip {
  return {
    id: r.id, symbol: r.symbol, side: r.side, openQty: r.openQty, maxQty: r.maxQty, entryAt: r.entryAt, entryPrice: r.entryPrice, entryQty: r.entryQty,
    exitAt: r.exitAt, exitPrice: r.exitPrice, exitQty: r.exitQty, realizedPnlUsd: r.pnlUsd ?? 0, exitReason: r.exitReason, entryIntentId: r.entryIntentId,
    exitIntentId: r.exitIntentId, riskPerUnitUsd: r.riskPerUnitUsd, fillIds: [...r.fillIds], adopted: r.adopted,
  };
}

function withLegs(o: Order, into: Order[]): void {
  into.push(o);
  for (const leg of o.legs) withLegs(leg, into);
}

const planOf = (text: string | null): { riskPerUnitUsd?: number } | null => (text === null ? null : fromJsonb(text));

/**
 * Applies one broker snapshot all or nothing, as postgres/trading/snapshot.repo.ts does in one transaction:
 * everything is computed (and can fail) before the first table changes.
 */
export function applySnapshotInMemory(t: MemoryTradingTables, snapshot: BrokerSnapshot, resolutions: readonly IntentResolution[], token: number | null): ReconcileReport {
  const at = instant(snapshot.at);
  // Nothing at the broker, nothing held here, nothing to settle (a quiet account's every tick): the plan is
  // empty, so only the account snapshot and the cursor are written, without building the plan's inputs.
  if (snapshot.orders.length === 0 && snapshot.fills.length === 0 && snapshot.positions.length === 0 && resolutions.length === 0 && t.positions.size === 0 && t.openTrades.size === 0) {
    if (snapshot.fillCursor) instant(snapshot.fillCursor.at);
    t.fences.pass(token);
    writeAccount(t, at, snapshot);
    return { ordersUpserted: 0, ordersAdopted: 0, fillsNew: 0, tripsOpened: 0, tripsClosed: 0, positionsAdopted: 0, positionsCorrected: 0, positionsClosed: 0, intentsResolved: 0, intentsFailed: 0, audit: [] };
  }
  // Decisions are applied only to intents still as reconcile read them; all are judged against the rows as they were.
  const applied = resolutions.filter((r) => t.intents.get(r.intentId)?.status === r.from);
  const allOrders: Order[] = [];
  for (const o of snapshot.orders) withLegs(o, allOrders);
  const orderIds = new Set([...allOrders.map((o) => o.id), ...snapshot.fills.map((f) => f.orderId)]);
  const known = new Map<string, OrderRow>();
  for (const id of orderIds) {
    const row = t.orders.get(id);
    if (!row) continue;
    known.set(id, row);
    const parent = row.parentId === null ? undefined : t.orders.get(row.parentId);
    if (parent) known.set(parent.id, parent);
  }
  const clientIds = new Set([...allOrders.map((o) => o.clientOrderId), ...[...known.values()].map((r) => r.clientOrderId)]);
  const intentsByClientId = new Map<string, IntentRef>();
  for (const cid of clientIds) {
    const r = t.intentByClientId.get(cid);
    if (!r) continue;
    const plan = planOf(r.plan);
    intentsByClientId.set(cid, { id: r.id, kind: r.kind, exitReason: r.exitReason, riskPerUnitUsd: plan?.riskPerUnitUsd ?? null, plan });
  }
  // A kept position hands its stored plan object back: its stored text is reused instead of re-encoded.
  const storedPlanText = new Map<unknown, string>();
  const positions = new Map<string, StoredPosition>();
  for (const r of t.positions.values()) {
    const stored = planOf(r.plan);
    if (stored !== null) storedPlanText.set(stored, r.plan!);
    positions.set(r.symbol, { symbol: r.symbol, side: r.side, qty: r.qty, adopted: r.adopted, entryIntentId: r.entryIntentId, plan: stored, openedAt: r.openedAt });
  }
  const plan = planReconcile(
    {
      knownOrderIds: new Set(known.keys()),
      knownFillIds: new Set(snapshot.fills.filter((f) => t.fills.has(f.id)).map((f) => f.id)),
      storedOrders: new Map([...known.values()].map((r) => [r.id, { clientOrderId: r.clientOrderId, parentId: r.parentId, type: r.type }])),
      intentsByClientId,
      openTrips: [...t.openTrades].sort((a, b) => a - b).map((id) => toTrip(t.trades.get(id)!)),
      positions,
    },
    snapshot,
  );
  const seenOrders = new Set<string>();
  for (const p of plan.orders) {
    // Postgres refuses an upsert that touches one row twice; so does this.
    if (seenOrders.has(p.order.id)) throw new Error('ON CONFLICT DO UPDATE command cannot affect row a second time');
    seenOrders.add(p.order.id);
  }
  const newTrips = plan.trips.filter((x) => x.id === null).length;
  const positionPlans = plan.positions.map((p) => ({ p, planText: p.plan === null ? null : (storedPlanText.get(p.plan) ?? toJsonb(p.plan)), openedAt: instant(p.openedAt) }));
  const audit = plan.audit.map((e) => ({ at: snapshot.at, actor: 'reconcile', action: e.action, subject: e.subject, reason: e.reason, data: e.data }));
  for (const r of applied) {
    audit.push({ at: snapshot.at, actor: 'reconcile', action: `intent.${r.status}`, subject: String(r.intentId), reason: r.note, data: { brokerOrderId: r.brokerOrderId, lookups: r.lookups } });
  }
  const auditRows: Omit<AuditRow, 'id'>[] = audit.map((e) => ({ at, actor: e.actor, action: e.action, subject: e.subject, reason: e.reason, data: toJsonb(e.data ?? {}) }));
  const resolutionOutcomes = applied.map((r) => {
    const row = t.intents.get(r.intentId)!;
    const before = row.outcome === null ? {} : fromJsonb<unknown>(row.outcome);
    const merged = before !== null && typeof before === 'object' && !Array.isArray(before) ? { ...before, reconcile: r.note } : [before, { reconcile: r.note }].flat();
    return toJsonb(merged);
  });

  const fillRows = plan.newFills.map((f) => ({ id: f.id, orderId: f.orderId, symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, at: instant(f.at), cumQty: f.cumQty, leavesQty: f.leavesQty }));
  // Times Postgres would refuse (toISOString throws before the statement is sent) refuse the whole snapshot.
  const times = [...plan.orders.flatMap((p) => [p.order.createdAt, p.order.updatedAt]), ...plan.trips.flatMap((x) => [x.entryAt, x.exitAt ?? x.entryAt])];
  times.forEach(instant);
  if (snapshot.fillCursor) instant(snapshot.fillCursor.at);

  // The fence, then the write: nothing below can fail.
  t.fences.pass(token);
  const done = new Set<number>();
  applied.forEach((r, n) => {
    const row = t.intents.get(r.intentId)!;
    if (done.has(row.id)) return;
    done.add(row.id);
    t.setStatus(row, r.status);
    row.brokerOrderId = r.brokerOrderId ?? row.brokerOrderId;
    row.lookups = r.lookups;
    if (r.status === 'accepted' || r.status === 'failed') row.resolvedAt = at;
    row.outcome = resolutionOutcomes[n]!;
  });
  for (const p of plan.orders) upsertOrder(t, p.order, p.parentId, p.intentId, p.adopted);
  for (const row of fillRows) {
    if (t.fills.has(row.id)) continue;
    t.fills.set(row.id, row);
    const list = t.fillsBySymbol.get(row.symbol) ?? [];
    insertSorted(list, row, (x) => x.at);
    t.fillsBySymbol.set(row.symbol, list);
  }
  for (const trip of plan.trips) writeTrip(t, trip);
  for (const symbol of plan.removedPositions) t.positions.delete(symbol);
  for (const { p, planText, openedAt } of positionPlans) {
    const b = p.broker;
    // The plan decided what a position keeps (its entry, plan and opened-at) and what a side flip or a new entry replaces.
    t.positions.set(p.symbol, {
      symbol: p.symbol, side: b.side, qty: b.qty, avgEntryPrice: b.avgEntryPrice, currentPrice: b.currentPrice, unrealizedPl: b.unrealizedPl,
      openedAt, entryIntentId: p.entryIntentId, plan: planText, adopted: p.adopted, updatedAt: at,
    });
  }
  writeAccount(t, at, snapshot);
  t.appendAudit(auditRows);
  return {
    ordersUpserted: plan.orders.length,
    ordersAdopted: plan.audit.filter((x) => x.action === 'order.adopted').length,
    fillsNew: plan.newFills.length,
    tripsOpened: newTrips,
    tripsClosed: plan.trips.filter((x) => x.exitAt !== null).length,
    positionsAdopted: plan.audit.filter((x) => x.action === 'position.adopted').length,
    positionsCorrected: plan.audit.filter((x) => x.action === 'position.corrected').length,
    positionsClosed: plan.removedPositions.length,
    intentsResolved: applied.filter((r) => r.status === 'accepted').length,
    intentsFailed: applied.filter((r) => r.status === 'failed').length,
    audit,
  };
}

function writeAccount(t: MemoryTradingTables, at: number, snapshot: BrokerSnapshot): void {
  t.accounts.insertIfNew(at, snapshot.account);
  if (snapshot.fillCursor) t.cursor = { at: instant(snapshot.fillCursor.at), id: snapshot.fillCursor.id };
}

function upsertOrder(t: MemoryTradingTables, o: BrokerSnapshot['orders'][number], parentId: string | null, intentId: number | null, adopted: boolean): void {
  const old = t.orders.get(o.id);
  let row: OrderRow;
  if (old) {
    Object.assign(old, { status: o.status, qty: o.qty, filledQty: o.filledQty, filledAvgPrice: o.filledAvgPrice, limitPrice: o.limitPrice, stopPrice: o.stopPrice, updatedAt: instant(o.updatedAt) });
    if (old.intentId === null && intentId !== null) {
      old.intentId = intentId;
      t.ordersByIntent.set(intentId, [...(t.ordersByIntent.get(intentId) ?? []), old]);
    }
    row = old;
  } else {
    row = {
      id: o.id, clientOrderId: o.clientOrderId, intentId, parentId, symbol: o.symbol, side: o.side, type: o.type, timeInForce: o.timeInForce, orderClass: o.orderClass,
      status: o.status, qty: o.qty, filledQty: o.filledQty, filledAvgPrice: o.filledAvgPrice, limitPrice: o.limitPrice, stopPrice: o.stopPrice,
      createdAt: instant(o.createdAt), updatedAt: instant(o.updatedAt), adopted, seq: ++t.seq.orders,
    };
    t.orders.set(o.id, row);
    if (intentId !== null) t.ordersByIntent.set(intentId, [...(t.ordersByIntent.get(intentId) ?? []), row]);
  }
  if (TERMINAL_ORDER.has(row.status)) t.openOrders.delete(row.id);
  else t.openOrders.add(row.id);
}

function writeTrip(t: MemoryTradingTables, trip: RoundTrip): void {
  const fields = {
    qty: trip.maxQty, maxQty: trip.maxQty, entryPrice: trip.entryPrice, exitAt: trip.exitAt === null ? null : instant(trip.exitAt), exitPrice: trip.exitPrice,
    pnlUsd: trip.realizedPnlUsd, rMultiple: rMultiple(trip), riskPerUnitUsd: trip.riskPerUnitUsd, entryQty: trip.entryQty, exitQty: trip.exitQty,
    openQty: trip.openQty, fillIds: [...trip.fillIds], exitReason: trip.exitReason, exitIntentId: trip.exitIntentId,
  };
  let row: TradeRow | undefined;
  if (trip.id !== null) {
    row = t.trades.get(trip.id);
    if (!row) return;
    Object.assign(row, fields);
  } else {
    row = {
      ...fields, id: ++t.seq.trades, symbol: trip.symbol, side: trip.side, entryAt: instant(trip.entryAt), feesUsd: 0, entryIntentId: trip.entryIntentId,
      signalId: null, storyId: null, newsItemId: null, adopted: trip.adopted === true, importedFrom: null,
    };
    t.trades.set(row.id, row);
  }
  const entry = row.entryIntentId === null ? undefined : t.intents.get(row.entryIntentId);
  if (entry && row.signalId === null && row.storyId === null && (entry.signalId !== null || entry.storyId !== null)) {
    row.signalId = entry.signalId;
    row.storyId = entry.storyId;
    row.newsItemId = entry.newsItemId;
  }
  if (row.exitAt === null) t.openTrades.add(row.id);
  else if (t.openTrades.delete(row.id) || trip.id === null) insertSorted(t.closedByExit, row, (x) => x.exitAt!);
}
