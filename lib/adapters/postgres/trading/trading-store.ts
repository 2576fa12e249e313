import type pg from 'pg';
import type { SubmitOutcome } from '../../../domain/orders.ts';
import type { RoundTrip } from '../../../domain/round-trips.ts';
import type { AuditEntry, BrokerSnapshot, DeferredClose, IntentRecord, IntentStatus, NewIntent, OpenPositionView, ReconcileReport, TradingStore } from '../../../ports/trading-store.port.ts';
import { PgIntents } from './intents.repo.ts';
import { applySnapshot, type Resolution } from './snapshot.repo.ts';
import { toTrip, type TripRow } from './trips.rows.ts';
import { insertAudit } from './audit.repo.ts';
import { inTransaction } from '../pool.ts';
import { fence } from '../fence.ts';
import { readPlan } from '../json-columns.ts';

interface PositionRow {
  symbol: string;
  side: 'long' | 'short';
  qty: number;
  avg_entry_price: number;
  current_price: number | null;
  unrealized_pl: number | null;
  opened_at: Date;
  entry_intent_id: string | null;
  plan: unknown;
  adopted: boolean;
}

/** The Postgres trading store. */
export class PgTradingStore implements TradingStore {
  private readonly intents: PgIntents;
  constructor(private readonly pool: pg.Pool) {
    this.intents = new PgIntents(pool);
  }

  saveIntents(intents: readonly NewIntent[], token: number | null): Promise<IntentRecord[]> {
    return this.intents.save(intents, token);
  }
  markSubmitting(ids: readonly number[], at: number, token: number | null): Promise<number[]> {
    return this.intents.markSubmitting(ids, at, token);
  }
  recordOutcome(id: number, outcome: SubmitOutcome, at: number, token: number | null): Promise<IntentStatus> {
    return this.intents.recordOutcome(id, outcome, at, token);
  }
  unsettledIntents(): Promise<IntentRecord[]> {
    return this.intents.unsettled();
  }
  intentsByClientOrderId(ids: readonly string[]): Promise<Map<string, IntentRecord>> {
    return this.intents.byClientOrderId(ids);
  }

  async fillCursor(): Promise<{ at: number; id: string } | null> {
    const { rows } = await this.pool.query<{ last_fill_at: Date | null; last_fill_id: string | null }>(`SELECT last_fill_at, last_fill_id FROM reconcile_cursor`);
    const r = rows[0];
    return r?.last_fill_at && r.last_fill_id ? { at: r.last_fill_at.getTime(), id: r.last_fill_id } : null;
  }

  async staleOpenOrderIds(seen: readonly string[], limit: number): Promise<string[]> {
    if (limit <= 0) return [];
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM orders WHERE status NOT IN ('filled', 'canceled', 'expired', 'replaced', 'rejected') AND NOT (id = ANY($1::text[])) ORDER BY updated_at LIMIT $2`,
      [[...seen], limit],
    );
    return rows.map((r) => r.id);
  }

  applySnapshot(snapshot: BrokerSnapshot, resolutions: readonly Resolution[], token: number | null): Promise<ReconcileReport> {
    return applySnapshot(this.pool, snapshot, resolutions, token);
  }

  async openPositions(): Promise<OpenPositionView[]> {
    const { rows } = await this.pool.query<PositionRow>(`SELECT * FROM positions ORDER BY symbol`);
    return rows.map((r) => ({
      symbol: r.symbol,
      assetClass: r.symbol.includes('/') ? 'crypto' : 'us_equity',
      side: r.side,
      qty: r.qty,
      qtyAvailable: r.qty,
      avgEntryPrice: r.avg_entry_price,
      currentPrice: r.current_price ?? r.avg_entry_price,
      lastdayPrice: r.current_price ?? r.avg_entry_price,
      marketValue: r.qty * (r.current_price ?? r.avg_entry_price),
      costBasis: r.qty * r.avg_entry_price,
      unrealizedPl: r.unrealized_pl ?? 0,
      unrealizedIntradayPl: r.unrealized_pl ?? 0,
      openedAt: r.opened_at.getTime(),
      plan: readPlan(r.plan, 'positions.plan'),
      entryIntentId: r.entry_intent_id === null ? null : Number(r.entry_intent_id),
      adopted: r.adopted,
    }));
  }

  async openTrips(): Promise<RoundTrip[]> {
    const { rows } = await this.pool.query<TripRow>(`SELECT * FROM trades WHERE exit_at IS NULL ORDER BY id`);
    return rows.map(toTrip);
  }

  async deferredCloses(since: number): Promise<DeferredClose[]> {
    const { rows } = await this.pool.query<{ subject: string; data: { side?: string; exitReason?: string; kind?: string; reason?: string }; at: Date }>(
      `SELECT DISTINCT ON (a.subject) a.subject, a.data, a.at FROM audit_log a
        WHERE a.action = 'exit.deferred' AND a.at >= $1 AND a.data ? 'side'
          AND NOT EXISTS (SELECT 1 FROM intents i WHERE i.symbol = a.subject AND i.kind IN ('exit', 'flatten', 'operator') AND i.created_at >= a.at)
        ORDER BY a.subject, a.at DESC`,
      [new Date(since)],
    );
    return rows.map((r) => ({
      symbol: r.subject,
      side: r.data.side === 'short' ? 'short' : 'long',
      exitReason: (r.data.exitReason ?? 'unknown') as DeferredClose['exitReason'],
      kind: r.data.kind === 'flatten' || r.data.kind === 'operator' ? r.data.kind : 'exit',
      reason: r.data.reason ?? 'a close decided earlier',
      at: r.at.getTime(),
    }));
  }

  async appendAudit(entries: readonly AuditEntry[], token: number | null): Promise<void> {
    if (entries.length === 0) return;
    await inTransaction(this.pool, async (c) => {
      await fence(c, token);
      await insertAudit(c, entries);
    });
  }
}
