import type { EpochMs } from '../time.ts';
import type { Fill, Order, Position } from '../orders.ts';
import { applyFills, type ExitReason, type FillContext, type RoundTrip } from '../round-trips.ts';

/** What we know of an intent when reconciling (enough to label fills and positions). */
export interface IntentRef {
  id: number;
  kind: 'entry' | 'exit' | 'replace_stop' | 'flatten' | 'operator';
  exitReason: ExitReason | null;
  riskPerUnitUsd: number | null;
  plan: unknown;
}

export interface StoredPosition {
  symbol: string;
  side: 'long' | 'short';
  qty: number;
  adopted: boolean;
  entryIntentId: number | null;
  plan: unknown;
  openedAt: EpochMs;
}

export interface ReconcileState {
  knownOrderIds: ReadonlySet<string>;
  knownFillIds: ReadonlySet<string>;
  /** Stored orders referenced by the snapshot's fills but not in its order list. */
  storedOrders: ReadonlyMap<string, { clientOrderId: string; parentId: string | null; type: string }>;
  intentsByClientId: ReadonlyMap<string, IntentRef>;
  openTrips: readonly RoundTrip[];
  positions: ReadonlyMap<string, StoredPosition>;
}

export interface PlannedOrder {
  order: Order;
  parentId: string | null;
  intentId: number | null;
  adopted: boolean;
}

export interface PlannedPosition extends StoredPosition {
  broker: Position;
}

export interface PlannedAudit {
  action: string;
  subject: string;
  reason: string;
  data: Record<string, unknown>;
}

export interface ReconcilePlan {
  orders: PlannedOrder[];
  newFills: Fill[];
  trips: RoundTrip[];
  positions: PlannedPosition[];
  removedPositions: string[];
  audit: PlannedAudit[];
}

const EPS = 1e-9;
const signed = (side: 'long' | 'short', qty: number) => (side === 'long' ? qty : -qty);

function legReason(type: string): ExitReason {
  return type === 'limit' ? 'take_profit' : type === 'trailing_stop' ? 'trailing_stop' : 'stop_loss';
}

/**
 * Plans how one broker snapshot corrects our records. The broker wins every disagreement: its orders and
 * positions are written as they are; what we did not place is adopted and flagged; every correction that
 * fills do not explain becomes an audit entry. Pure.
 */
export function planReconcile(
  state: ReconcileState,
  snapshot: { at: EpochMs; orders: readonly Order[]; fills: readonly Fill[]; positions: readonly Position[] },
): ReconcilePlan {
  const audit: PlannedAudit[] = [];
  const orders: PlannedOrder[] = [];
  const orderInfo = new Map<string, { clientOrderId: string; parentId: string | null; type: string }>(state.storedOrders);
  const planned = new Set<string>();
  const flatten = (o: Order, nestedUnder: string | null) => {
    // The same order can come twice (a leg in its parent's tree and on its own, or a lookup): plan it once.
    if (planned.has(o.id)) {
      for (const leg of o.legs) flatten(leg, o.id);
      return;
    }
    planned.add(o.id);
    // A bracket leg listed on its own (its entry filled long ago) keeps the parent we stored for it.
    const parentId = nestedUnder ?? state.storedOrders.get(o.id)?.parentId ?? null;
    orderInfo.set(o.id, { clientOrderId: o.clientOrderId, parentId, type: o.type });
    const own = state.intentsByClientId.get(o.clientOrderId);
    const parentIntent = parentId ? state.intentsByClientId.get(orderInfo.get(parentId)?.clientOrderId ?? '') : undefined;
    const intentId = own?.id ?? parentIntent?.id ?? null;
    const adopted = intentId === null;
    orders.push({ order: o, parentId, intentId, adopted });
    if (adopted && !state.knownOrderIds.has(o.id)) {
      audit.push({ action: 'order.adopted', subject: o.symbol, reason: 'an order Catalyst did not place was found at the broker', data: { orderId: o.id, clientOrderId: o.clientOrderId, side: o.side, qty: o.qty, status: o.status } });
    }
    for (const leg of o.legs) flatten(leg, o.id);
  };
  for (const o of snapshot.orders) flatten(o, null);

  const contextOf = (f: Fill): FillContext => {
    const info = orderInfo.get(f.orderId);
    const own = info ? state.intentsByClientId.get(info.clientOrderId) : undefined;
    if (own) {
      const isEntry = own.kind === 'entry';
      return { intentId: own.id, exitReason: isEntry ? null : own.exitReason, riskPerUnitUsd: own.riskPerUnitUsd };
    }
    const parent = info?.parentId ? state.intentsByClientId.get(orderInfo.get(info.parentId)?.clientOrderId ?? '') : undefined;
    if (parent && info) return { intentId: null, exitReason: legReason(info.type), riskPerUnitUsd: parent.riskPerUnitUsd };
    return { intentId: null, exitReason: 'external', riskPerUnitUsd: null };
  };
  const newFills = snapshot.fills.filter((f) => !state.knownFillIds.has(f.id));
  const trips = applyFills(state.openTrips, newFills, contextOf);

  const netNew = new Map<string, number>();
  for (const f of newFills) netNew.set(f.symbol, (netNew.get(f.symbol) ?? 0) + (f.side === 'buy' ? f.qty : -f.qty));
  // For symbols the new fills touched, `trips` holds the truth (copies); otherwise the stored open trip.
  const touchedSymbols = new Set(trips.map((t) => t.symbol));
  const openTripOf = new Map<string, RoundTrip>();
  for (const t of state.openTrips) if (!touchedSymbols.has(t.symbol) && t.openQty > EPS) openTripOf.set(t.symbol, { ...t, fillIds: [...t.fillIds] });
  for (const t of trips) if (t.openQty > EPS) openTripOf.set(t.symbol, t);

  const positions: PlannedPosition[] = [];
  const seen = new Set<string>();
  for (const p of snapshot.positions) {
    seen.add(p.symbol);
    const stored = state.positions.get(p.symbol);
    const trip = openTripOf.get(p.symbol);
    const expected = (stored ? signed(stored.side, stored.qty) : 0) + (netNew.get(p.symbol) ?? 0);
    const actual = signed(p.side, p.qty);
    const ours = trip?.entryIntentId !== null && trip?.entryIntentId !== undefined;
    if (Math.abs(actual - expected) > EPS) {
      audit.push({
        action: stored ? 'position.corrected' : ours ? 'position.corrected' : 'position.adopted',
        subject: p.symbol,
        reason: stored || ours ? 'the broker reports a quantity our fills do not explain; the broker wins' : 'a position Catalyst did not open was found at the broker',
        data: { expectedQty: expected, brokerQty: actual },
      });
    }
    const entryIntent = ours ? [...state.intentsByClientId.values()].find((i) => i.id === trip!.entryIntentId) : undefined;
    if (!trip || trip.side !== p.side) {
      // A position no fill of ours explains: open an adopted round trip so its exit is accounted for.
      const adoptedTrip: RoundTrip = {
        id: null, symbol: p.symbol, side: p.side, openQty: p.qty, maxQty: p.qty, entryAt: snapshot.at, entryPrice: p.avgEntryPrice,
        entryQty: p.qty, exitAt: null, exitPrice: null, exitQty: 0, realizedPnlUsd: 0, exitReason: null, entryIntentId: null,
        exitIntentId: null, riskPerUnitUsd: null, fillIds: [], adopted: true,
      };
      if (trip) {
        trip.openQty = 0;
        trip.exitAt = snapshot.at;
        trip.exitReason ??= 'external';
        if (!trips.includes(trip)) trips.push(trip);
      }
      trips.push(adoptedTrip);
    } else if (Math.abs(trip.openQty - p.qty) > EPS) {
      trip.openQty = p.qty;
      trip.maxQty = Math.max(trip.maxQty, p.qty);
      if (!trips.includes(trip)) trips.push(trip);
    }
    // A position is its side and its entry: the plan (stop, target, opened-at) belongs to that pair, never to the symbol.
    const ourTrip = ours && trip!.side === p.side ? trip! : null;
    const sideChanged = stored !== undefined && stored.side !== p.side;
    const newEntry = !sideChanged && stored !== undefined && ourTrip !== null && stored.entryIntentId !== null && ourTrip.entryIntentId !== stored.entryIntentId;
    const keep = stored !== undefined && !sideChanged && !newEntry;
    if (sideChanged) {
      audit.push({
        action: 'position.side_changed',
        subject: p.symbol,
        reason: `the position changed side from ${stored!.side} to ${p.side}: the ${stored!.side} plan (stop, target, opened-at) does not apply; without a plan of its own it is closed at once`,
        data: { from: { side: stored!.side, qty: stored!.qty, entryIntentId: stored!.entryIntentId }, to: { side: p.side, qty: p.qty, entryIntentId: ourTrip?.entryIntentId ?? null } },
      });
    } else if (newEntry) {
      audit.push({ action: 'position.new_entry', subject: p.symbol, reason: 'a new entry of ours replaced the position: its own plan applies', data: { from: stored!.entryIntentId, to: ourTrip!.entryIntentId } });
    }
    positions.push({
      symbol: p.symbol,
      side: p.side,
      qty: p.qty,
      adopted: stored ? stored.adopted && !ours : !ours,
      entryIntentId: keep ? (stored!.entryIntentId ?? ourTrip?.entryIntentId ?? null) : (ourTrip?.entryIntentId ?? null),
      plan: keep ? (stored!.plan ?? entryIntent?.plan ?? null) : ourTrip ? (entryIntent?.plan ?? null) : null,
      openedAt: keep ? stored!.openedAt : (ourTrip?.entryAt ?? snapshot.at),
      broker: p,
    });
  }
  const removedPositions: string[] = [];
  for (const [symbol, stored] of state.positions) {
    if (seen.has(symbol)) continue;
    removedPositions.push(symbol);
    const expected = signed(stored.side, stored.qty) + (netNew.get(symbol) ?? 0);
    const trip = openTripOf.get(symbol);
    if (trip) {
      // The broker says flat: close what our records still hold open.
      trip.openQty = 0;
      trip.exitAt = snapshot.at;
      trip.exitReason ??= 'external';
      if (!trips.includes(trip)) trips.push(trip);
    }
    if (Math.abs(expected) > EPS) {
      audit.push({ action: 'position.closed_by_broker', subject: symbol, reason: 'the broker no longer reports a position our fills say is open; the broker wins', data: { expectedQty: expected } });
    }
  }
  return { orders, newFills, trips, positions, removedPositions, audit };
}
