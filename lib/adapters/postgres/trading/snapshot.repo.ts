import type pg from 'pg';
import type { BrokerSnapshot, IntentResolution, ReconcileReport } from '../../../ports/trading-store.port.ts';
import { planReconcile, type IntentRef, type StoredPosition } from '../../../domain/reconcile/plan.ts';
import { inTransaction } from '../pool.ts';
import { fence } from '../fence.ts';
import { toTrip, tripColumns, TRIP_UPSERT, type TripRow } from './trips.rows.ts';
import { insertAudit } from './audit.repo.ts';

const ts = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

export type Resolution = IntentResolution;

/**
 * Applies one broker snapshot in a single fenced transaction with a constant number of statements:
 * intent resolutions, orders (upsert), new fills, round trips, positions (the broker's), the equity point,
 * the fill cursor and the audit entries.
 */
export async function applySnapshot(pool: pg.Pool, snapshot: BrokerSnapshot, resolutions: readonly Resolution[], token: number | null): Promise<ReconcileReport> {
  return inTransaction(pool, async (c) => {
    await fence(c, token);
    // Serialise reconciles: two must not both open the same round trip.
    await c.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':reconcile'))`);
    // Only decisions about intents still as reconcile read them: a run of the cycle may have sent one since.
    let applied: readonly Resolution[] = [];
    if (resolutions.length) {
      const { rows } = await c.query<{ id: string }>(
        `UPDATE intents i SET status = r.status, broker_order_id = COALESCE(r.order_id, i.broker_order_id), lookups = r.lookups,
           resolved_at = CASE WHEN r.status IN ('accepted', 'failed') THEN $6::timestamptz ELSE i.resolved_at END,
           outcome = COALESCE(i.outcome, '{}'::jsonb) || jsonb_build_object('reconcile', r.note)
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $7::text[]) AS r(id, status, order_id, lookups, note, from_status)
         WHERE i.id = r.id AND i.status = r.from_status
         RETURNING i.id`,
        [
          resolutions.map((r) => r.intentId), resolutions.map((r) => r.status), resolutions.map((r) => r.brokerOrderId), resolutions.map((r) => r.lookups),
          resolutions.map((r) => r.note), ts(snapshot.at), resolutions.map((r) => r.from),
        ],
      );
      const ids = new Set(rows.map((r) => Number(r.id)));
      applied = resolutions.filter((r) => ids.has(r.intentId));
    }
    const allOrders = snapshot.orders.flatMap(function walk(o): typeof snapshot.orders {
      return [o, ...o.legs.flatMap(walk)];
    });
    const orderIds = [...new Set([...allOrders.map((o) => o.id), ...snapshot.fills.map((f) => f.orderId)])];
    // One statement at a time: a client runs one query at a time anyway (pg 9 will refuse overlapping ones).
    const known = await c.query<{ id: string; client_order_id: string; parent_id: string | null; type: string }>(`SELECT id, client_order_id, parent_id, type FROM orders WHERE id = ANY($1::text[]) OR id IN (SELECT parent_id FROM orders WHERE id = ANY($1::text[]))`, [orderIds]);
    const fillsKnown = await c.query<{ id: string }>(`SELECT id FROM fills WHERE id = ANY($1::text[])`, [snapshot.fills.map((f) => f.id)]);
    const trips = await c.query<TripRow>(`SELECT * FROM trades WHERE exit_at IS NULL`);
    const positions = await c.query<{ symbol: string; side: 'long' | 'short'; qty: number; adopted: boolean; entry_intent_id: string | null; plan: unknown; opened_at: Date }>(`SELECT * FROM positions`);
    const clientIds = [...new Set([...allOrders.map((o) => o.clientOrderId), ...known.rows.map((r) => r.client_order_id)])];
    const intents = await c.query<{ id: string; client_order_id: string; kind: IntentRef['kind']; exit_reason: IntentRef['exitReason']; plan: { riskPerUnitUsd?: number } | null }>(
      `SELECT id, client_order_id, kind, exit_reason, plan FROM intents WHERE client_order_id = ANY($1::text[])`,
      [clientIds],
    );
    const plan = planReconcile(
      {
        knownOrderIds: new Set(known.rows.map((r) => r.id)),
        knownFillIds: new Set(fillsKnown.rows.map((r) => r.id)),
        storedOrders: new Map(known.rows.map((r) => [r.id, { clientOrderId: r.client_order_id, parentId: r.parent_id, type: r.type }])),
        intentsByClientId: new Map(
          intents.rows.map((r) => [r.client_order_id, { id: Number(r.id), kind: r.kind, exitReason: r.exit_reason, riskPerUnitUsd: r.plan?.riskPerUnitUsd ?? null, plan: r.plan }]),
        ),
        openTrips: trips.rows.map(toTrip),
        positions: new Map<string, StoredPosition>(
          positions.rows.map((r) => [r.symbol, { symbol: r.symbol, side: r.side, qty: r.qty, adopted: r.adopted, entryIntentId: r.entry_intent_id === null ? null : Number(r.entry_intent_id), plan: r.plan, openedAt: r.opened_at.getTime() }]),
        ),
      },
      snapshot,
    );
    if (plan.orders.length) {
      const o = plan.orders;
      await c.query(
        `INSERT INTO orders (id, client_order_id, intent_id, parent_id, symbol, side, type, time_in_force, order_class, status, qty, filled_qty,
           filled_avg_price, limit_price, stop_price, created_at, updated_at, adopted)
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
           $10::text[], $11::float8[], $12::float8[], $13::float8[], $14::float8[], $15::float8[], $16::timestamptz[], $17::timestamptz[], $18::boolean[])
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, qty = EXCLUDED.qty, filled_qty = EXCLUDED.filled_qty,
           filled_avg_price = EXCLUDED.filled_avg_price, limit_price = EXCLUDED.limit_price, stop_price = EXCLUDED.stop_price,
           updated_at = EXCLUDED.updated_at, intent_id = COALESCE(orders.intent_id, EXCLUDED.intent_id)`,
        [
          o.map((p) => p.order.id), o.map((p) => p.order.clientOrderId), o.map((p) => p.intentId), o.map((p) => p.parentId), o.map((p) => p.order.symbol),
          o.map((p) => p.order.side), o.map((p) => p.order.type), o.map((p) => p.order.timeInForce), o.map((p) => p.order.orderClass), o.map((p) => p.order.status),
          o.map((p) => p.order.qty), o.map((p) => p.order.filledQty), o.map((p) => p.order.filledAvgPrice), o.map((p) => p.order.limitPrice),
          o.map((p) => p.order.stopPrice), o.map((p) => ts(p.order.createdAt)), o.map((p) => ts(p.order.updatedAt)), o.map((p) => p.adopted),
        ],
      );
    }
    if (plan.newFills.length) {
      const f = plan.newFills;
      await c.query(
        `INSERT INTO fills (id, order_id, symbol, side, qty, price, at, cum_qty, leaves_qty)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::timestamptz[], $8::float8[], $9::float8[])
         ON CONFLICT (id) DO NOTHING`,
        [f.map((x) => x.id), f.map((x) => x.orderId), f.map((x) => x.symbol), f.map((x) => x.side), f.map((x) => x.qty), f.map((x) => x.price), f.map((x) => ts(x.at)), f.map((x) => x.cumQty), f.map((x) => x.leavesQty)],
      );
    }
    if (plan.trips.length) {
      await c.query(TRIP_UPSERT, tripColumns(plan.trips));
      await c.query(
        `UPDATE trades t SET signal_id = i.signal_id, story_id = i.story_id, news_item_id = i.news_item_id
         FROM intents i WHERE t.entry_intent_id = i.id AND t.signal_id IS NULL AND t.story_id IS NULL AND (i.signal_id IS NOT NULL OR i.story_id IS NOT NULL)`,
      );
    }
    const p = plan.positions;
    await c.query(`DELETE FROM positions WHERE symbol = ANY($1::text[])`, [plan.removedPositions]);
    if (p.length) {
      // The plan decides what a position keeps (entry, plan, opened-at) and what a new entry or a side flip replaces.
      await c.query(
        `INSERT INTO positions (symbol, side, qty, avg_entry_price, current_price, unrealized_pl, opened_at, entry_intent_id, plan, adopted, updated_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::timestamptz[], $8::bigint[], $9::jsonb[], $10::boolean[], $11::timestamptz[])
         ON CONFLICT (symbol) DO UPDATE SET side = EXCLUDED.side, qty = EXCLUDED.qty, avg_entry_price = EXCLUDED.avg_entry_price,
           current_price = EXCLUDED.current_price, unrealized_pl = EXCLUDED.unrealized_pl, adopted = EXCLUDED.adopted,
           entry_intent_id = EXCLUDED.entry_intent_id, plan = EXCLUDED.plan, opened_at = EXCLUDED.opened_at, updated_at = EXCLUDED.updated_at`,
        [
          p.map((x) => x.symbol), p.map((x) => x.broker.side), p.map((x) => x.broker.qty), p.map((x) => x.broker.avgEntryPrice), p.map((x) => x.broker.currentPrice),
          p.map((x) => x.broker.unrealizedPl), p.map((x) => ts(x.openedAt)), p.map((x) => x.entryIntentId), p.map((x) => (x.plan === null ? null : JSON.stringify(x.plan))),
          p.map((x) => x.adopted), p.map(() => ts(snapshot.at)),
        ],
      );
    }
    const a = snapshot.account;
    await c.query(
      `INSERT INTO account_snapshots (at, equity, cash, buying_power, long_market_value, short_market_value, last_equity)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (at) DO NOTHING`,
      [ts(snapshot.at), a.equity, a.cash, a.buyingPower, a.longMarketValue, a.shortMarketValue, a.lastEquity],
    );
    if (snapshot.fillCursor) {
      await c.query(`UPDATE reconcile_cursor SET last_fill_at = $1, last_fill_id = $2`, [ts(snapshot.fillCursor.at), snapshot.fillCursor.id]);
    }
    const audit = plan.audit.map((e) => ({ at: snapshot.at, actor: 'reconcile', action: e.action, subject: e.subject, reason: e.reason, data: e.data }));
    for (const r of applied) {
      audit.push({ at: snapshot.at, actor: 'reconcile', action: `intent.${r.status}`, subject: String(r.intentId), reason: r.note, data: { brokerOrderId: r.brokerOrderId, lookups: r.lookups } });
    }
    await insertAudit(c, audit);
    return {
      ordersUpserted: plan.orders.length,
      ordersAdopted: plan.audit.filter((x) => x.action === 'order.adopted').length,
      fillsNew: plan.newFills.length,
      tripsOpened: plan.trips.filter((t) => t.id === null).length,
      tripsClosed: plan.trips.filter((t) => t.exitAt !== null).length,
      positionsAdopted: plan.audit.filter((x) => x.action === 'position.adopted').length,
      positionsCorrected: plan.audit.filter((x) => x.action === 'position.corrected').length,
      positionsClosed: plan.removedPositions.length,
      intentsResolved: applied.filter((r) => r.status === 'accepted').length,
      intentsFailed: applied.filter((r) => r.status === 'failed').length,
      audit,
    };
  });
}
