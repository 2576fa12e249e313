import type pg from 'pg';
import type { Broker } from '../../../lib/ports/broker.port.ts';
import type { NewIntent } from '../../../lib/ports/trading-store.port.ts';
import type { Fill, Order } from '../../../lib/domain/orders.ts';
import { applyFills } from '../../../lib/domain/round-trips.ts';
import type { SubmitSpy } from './fault-world.ts';

/** What the broker holds, read through its own (fault-free) view. */
export interface BrokerTruth {
  orders: Order[];
  fills: Fill[];
  positions: Awaited<ReturnType<Broker['getPositions']>>;
}

/** Every order (legs included, flat), every fill and every position at the broker. */
export async function readBrokerTruth(broker: Broker): Promise<BrokerTruth> {
  const top = await broker.listOrders({ status: 'all', nested: true, limit: 500, direction: 'asc' });
  const orders = top.flatMap(function walk(o: Order): Order[] {
    return [o, ...o.legs.flatMap(walk)];
  });
  const fills: Fill[] = [];
  let pageToken: string | undefined;
  for (;;) {
    const page = await broker.getFills({ pageSize: 100, ...(pageToken ? { pageToken } : {}) });
    fills.push(...page.fills);
    if (!page.nextPageToken) break;
    pageToken = page.nextPageToken;
  }
  return { orders, fills, positions: await broker.getPositions() };
}

/** Figures of one run, so a test can show that orders and fills really happened. */
export interface RunFigures {
  brokerOrders: number;
  brokerFills: number;
  positions: number;
  trips: number;
  closedTrips: number;
  intents: Record<string, number>;
}

const near = (a: number, b: number, eps = 1e-6) => Math.abs(a - b) <= eps * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * The order path's invariants after recovery, as a list of violations (empty when all hold): no order sent
 * twice, no duplicate order per client order id or per intent, every intent settled and agreeing with the
 * broker, every broker fill in our fills exactly once and nothing else, our positions equal the broker's,
 * round trips equal to those the fills make, and no correction that our fills do not explain. Orders whose
 * stored status lags the broker's are listed apart (`staleOrders`, a known gap, see below).
 */
export async function checkInvariants(
  pool: pg.Pool,
  truth: BrokerTruth,
  intents: readonly NewIntent[],
  spy: SubmitSpy | null,
  auditAfterId = 0,
): Promise<{ violations: string[]; staleOrders: string[]; figures: RunFigures }> {
  const v: string[] = [];
  const cids = intents.map((i) => i.clientOrderId);

  // One order per intent, ever.
  if (spy) for (const [cid, n] of spy.repeated()) v.push(`client order id ${cid} reached the broker ${n} times`);
  const perCid = new Map<string, Order[]>();
  for (const o of truth.orders) if (o.clientOrderId) perCid.set(o.clientOrderId, [...(perCid.get(o.clientOrderId) ?? []), o]);
  for (const [cid, list] of perCid) if (list.length > 1) v.push(`broker holds ${list.length} orders with client order id ${cid}`);
  const { rows: ourOrders } = await pool.query<{ id: string; intent_id: string | null; parent_id: string | null; status: string; filled_qty: number }>(
    `SELECT id, intent_id, parent_id, status, filled_qty FROM orders`,
  );
  const topPerIntent = new Map<string, number>();
  for (const o of ourOrders) if (o.intent_id !== null && o.parent_id === null) topPerIntent.set(o.intent_id, (topPerIntent.get(o.intent_id) ?? 0) + 1);
  for (const [intent, n] of topPerIntent) if (n > 1) v.push(`intent ${intent} has ${n} entry orders`);

  // Every intent stored once and settled, in agreement with the broker.
  const { rows: rowsOfIntents } = await pool.query<{ id: string; client_order_id: string; status: string; broker_order_id: string | null }>(
    `SELECT id, client_order_id, status, broker_order_id FROM intents WHERE client_order_id = ANY($1::text[])`,
    [cids],
  );
  const byStatus: Record<string, number> = {};
  for (const cid of cids) {
    const rows = rowsOfIntents.filter((r) => r.client_order_id === cid);
    if (rows.length !== 1) {
      v.push(`intent ${cid} stored ${rows.length} times`);
      continue;
    }
    const r = rows[0]!;
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    const atBroker = perCid.get(cid)?.[0];
    if (!['accepted', 'rejected', 'failed'].includes(r.status)) v.push(`intent ${cid} stuck in ${r.status}`);
    if (r.status === 'accepted' && !atBroker) v.push(`intent ${cid} accepted but the broker has no such order`);
    if (r.status === 'accepted' && atBroker && r.broker_order_id !== atBroker.id) v.push(`intent ${cid} points at order ${r.broker_order_id}, the broker's is ${atBroker.id}`);
    if ((r.status === 'rejected' || r.status === 'failed') && atBroker) v.push(`intent ${cid} is ${r.status} but the broker holds order ${atBroker.id} (${atBroker.status})`);
  }

  // No lost fill, no fill twice, nothing the broker did not do.
  const { rows: ourFills } = await pool.query<{ id: string; order_id: string; symbol: string; side: 'buy' | 'sell'; qty: number; price: number; at: Date }>(`SELECT * FROM fills`);
  const ours = new Map(ourFills.map((f) => [f.id, f]));
  for (const f of truth.fills) {
    const mine = ours.get(f.id);
    if (!mine) v.push(`broker fill ${f.id} (${f.side} ${f.qty} ${f.symbol}) is not in our fills`);
    else if (!near(mine.qty, f.qty) || !near(mine.price, f.price) || mine.side !== f.side || mine.order_id !== f.orderId) v.push(`fill ${f.id} differs from the broker's`);
  }
  const brokerFillIds = new Set(truth.fills.map((f) => f.id));
  for (const f of ourFills) if (!brokerFillIds.has(f.id)) v.push(`our fill ${f.id} is not at the broker`);

  // Positions are the broker's.
  const { rows: ourPositions } = await pool.query<{ symbol: string; side: string; qty: number; avg_entry_price: number }>(`SELECT symbol, side, qty, avg_entry_price FROM positions`);
  const theirs = new Map(truth.positions.map((p) => [p.symbol, p]));
  for (const p of ourPositions) {
    const b = theirs.get(p.symbol);
    if (!b) v.push(`we hold ${p.side} ${p.qty} ${p.symbol}, the broker holds nothing`);
    else if (b.side !== p.side || !near(b.qty, p.qty) || !near(b.avgEntryPrice, p.avg_entry_price)) v.push(`position ${p.symbol}: ours ${p.side} ${p.qty} @ ${p.avg_entry_price}, broker ${b.side} ${b.qty} @ ${b.avgEntryPrice}`);
  }
  for (const b of truth.positions) if (!ourPositions.some((p) => p.symbol === b.symbol)) v.push(`the broker holds ${b.side} ${b.qty} ${b.symbol}, we hold nothing`);

  // Round trips are what the fills make.
  const { rows: trips } = await pool.query<{ symbol: string; side: string; entry_qty: number; exit_qty: number; open_qty: number; entry_price: number; pnl_usd: number | null; exit_at: Date | null; fill_ids: string[]; adopted: boolean }>(
    `SELECT symbol, side, entry_qty, exit_qty, open_qty, entry_price, pnl_usd, exit_at, fill_ids, adopted FROM trades ORDER BY symbol, entry_at, id`,
  );
  const expected = applyFills(
    [],
    ourFills.map((f) => ({ id: f.id, orderId: f.order_id, symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, at: f.at.getTime(), cumQty: 0, leavesQty: 0, kind: 'fill' as const })),
    () => ({ intentId: null, exitReason: null, riskPerUnitUsd: null }),
  ).sort((a, b) => a.symbol.localeCompare(b.symbol) || a.entryAt - b.entryAt);
  const describe = (t: { symbol: string; side: string; entryQty: number; exitQty: number; openQty: number; fills: string[] }) =>
    `${t.symbol} ${t.side} in ${+t.entryQty.toFixed(6)} out ${+t.exitQty.toFixed(6)} open ${+t.openQty.toFixed(6)} fills ${[...t.fills].sort().join(',')}`;
  const want = expected.map((t) => describe({ ...t, fills: t.fillIds }));
  const got = trips.map((t) => describe({ symbol: t.symbol, side: t.side, entryQty: t.entry_qty, exitQty: t.exit_qty, openQty: t.open_qty, fills: t.fill_ids }));
  if (JSON.stringify(want) !== JSON.stringify(got)) v.push(`round trips differ from the fills': want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  expected.forEach((t, i) => {
    const row = trips[i];
    if (row && (!near(row.entry_price, t.entryPrice) || !near(row.pnl_usd ?? 0, t.realizedPnlUsd, 1e-6))) v.push(`trip ${t.symbol}: price or P&L differs from the fills'`);
  });
  for (const t of trips) if (t.adopted) v.push(`trip ${t.symbol} was adopted: our fills did not explain a position`);
  for (const p of ourPositions) {
    const open = trips.filter((t) => t.symbol === p.symbol && t.exit_at === null);
    if (open.length !== 1 || !near(open[0]!.open_qty, p.qty) || open[0]!.side !== p.side) v.push(`position ${p.symbol} has no matching open trip`);
  }

  // Our orders say what the broker's say. Known gap (reported, not failed): reconcile lists open orders
  // nested, and a filled bracket's open legs are then listed nowhere (as at Alpaca), while closed orders
  // are listed by creation time after the fill cursor; a leg created before that window keeps the status
  // our table last saw.
  const brokerOrder = new Map(truth.orders.map((o) => [o.id, o]));
  const staleOrders: string[] = [];
  for (const o of ourOrders) {
    const b = brokerOrder.get(o.id);
    if (!b) v.push(`our order ${o.id} is not at the broker`);
    else if (b.status !== o.status || !near(b.filledQty, o.filled_qty)) staleOrders.push(`${o.parent_id === null ? 'order' : 'leg'} ${o.id}: ours ${o.status} ${o.filled_qty} filled, broker ${b.status} ${b.filledQty}`);
  }

  // No correction our fills cannot explain.
  const { rows: corrections } = await pool.query<{ action: string; subject: string }>(
    `SELECT action, subject FROM audit_log WHERE id > $1 AND action IN ('position.corrected', 'position.adopted', 'position.closed_by_broker', 'order.adopted')`,
    [auditAfterId],
  );
  for (const c of corrections) v.push(`reconcile had to correct: ${c.action} ${c.subject}`);

  return {
    violations: v,
    staleOrders,
    figures: {
      brokerOrders: truth.orders.filter((o) => cids.includes(o.clientOrderId)).length,
      brokerFills: truth.fills.length,
      positions: truth.positions.length,
      trips: trips.length,
      closedTrips: trips.filter((t) => t.exit_at !== null).length,
      intents: byStatus,
    },
  };
}
