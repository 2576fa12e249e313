import type { SubmitOutcome } from '../../domain/orders.ts';
import type { RoundTrip } from '../../domain/round-trips.ts';
import type {
  AuditEntry, BrokerSnapshot, DeferredClose, IntentRecord, IntentResolution, IntentStatus, NewIntent, OpenPositionView, ReconcileReport, TradingStore,
} from '../../ports/trading-store.port.ts';
import { MemoryIntents } from './memory-trading-intents.ts';
import { applySnapshotInMemory, toTrip } from './memory-trading-snapshot.ts';
import { fromJsonb, instant, toJsonb } from './memory-json.ts';
import { firstAtLeast, MemoryTradingTables } from './memory-trading-tables.ts';

const hasKey = (data: unknown, key: string) =>
  Array.isArray(data) ? data.includes(key) : data !== null && typeof data === 'object' ? Object.hasOwn(data, key) : data === key;

/** The trading store of an in-memory world (a fast backtest): the Postgres store's behaviour, over Maps. */
export class MemoryTradingStore implements TradingStore {
  private readonly intents: MemoryIntents;
  constructor(readonly tables: MemoryTradingTables = new MemoryTradingTables()) {
    this.intents = new MemoryIntents(tables);
  }

  async saveIntents(intents: readonly NewIntent[], token: number | null): Promise<IntentRecord[]> {
    return this.intents.save(intents, token);
  }
  async markSubmitting(ids: readonly number[], at: number, token: number | null): Promise<number[]> {
    return this.intents.markSubmitting(ids, at, token);
  }
  async recordOutcome(id: number, outcome: SubmitOutcome, at: number, token: number | null): Promise<IntentStatus> {
    return this.intents.recordOutcome(id, outcome, at, token);
  }
  async unsettledIntents(): Promise<IntentRecord[]> {
    return this.intents.unsettled();
  }
  async intentsByClientOrderId(ids: readonly string[]): Promise<Map<string, IntentRecord>> {
    return this.intents.byClientOrderId(ids);
  }

  async fillCursor(): Promise<{ at: number; id: string } | null> {
    return this.tables.cursor ? { ...this.tables.cursor } : null;
  }

  async staleOpenOrderIds(seen: readonly string[], limit: number): Promise<string[]> {
    // Nothing held open (a quiet account's every tick): nothing to skip, sort or cut.
    if (limit <= 0 || this.tables.openOrders.size === 0) return [];
    const skip = new Set(seen);
    const stale = [...this.tables.openOrders].filter((id) => !skip.has(id)).map((id) => this.tables.orders.get(id)!);
    return stale.sort((a, b) => a.updatedAt - b.updatedAt || a.seq - b.seq).slice(0, limit).map((o) => o.id);
  }

  async applySnapshot(snapshot: BrokerSnapshot, resolutions: readonly IntentResolution[], token: number | null): Promise<ReconcileReport> {
    return applySnapshotInMemory(this.tables, snapshot, resolutions, token);
  }

  async openPositions(): Promise<OpenPositionView[]> {
    if (this.tables.positions.size === 0) return [];
    return [...this.tables.positions.values()]
      .sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0))
      .map((r) => ({
        symbol: r.symbol,
        assetClass: r.symbol.includes('/') ? 'crypto' : 'us_equity',
        side: r.side,
        qty: r.qty,
        qtyAvailable: r.qty,
        avgEntryPrice: r.avgEntryPrice,
        currentPrice: r.currentPrice ?? r.avgEntryPrice,
        lastdayPrice: r.currentPrice ?? r.avgEntryPrice,
        marketValue: r.qty * (r.currentPrice ?? r.avgEntryPrice),
        costBasis: r.qty * r.avgEntryPrice,
        unrealizedPl: r.unrealizedPl ?? 0,
        unrealizedIntradayPl: r.unrealizedPl ?? 0,
        openedAt: r.openedAt,
        plan: r.plan === null ? null : fromJsonb(r.plan),
        entryIntentId: r.entryIntentId,
        adopted: r.adopted,
      }));
  }

  async openTrips(): Promise<RoundTrip[]> {
    return [...this.tables.openTrades].sort((a, b) => a - b).map((id) => toTrip(this.tables.trades.get(id)!));
  }

  async deferredCloses(since: number): Promise<DeferredClose[]> {
    const t = this.tables;
    const latest = new Map<string | null, { data: Record<string, unknown>; at: number }>();
    for (let n = firstAtLeast(t.deferred, instant(since), (r) => r.at); n < t.deferred.length; n++) {
      const a = t.deferred[n]!;
      // No intent's symbol equals a null subject, so Postgres keeps such an entry (as one group, sorted last).
      if (a.subject !== null && (t.lastCloseIntentAt.get(a.subject) ?? -Infinity) >= a.at) continue;
      const data = fromJsonb<Record<string, unknown>>(a.data);
      if (!hasKey(data, 'side')) continue;
      const seen = latest.get(a.subject);
      if (!seen || a.at >= seen.at) latest.set(a.subject, { data, at: a.at });
    }
    return [...latest.entries()]
      .sort(([x], [y]) => (x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1))
      .map(([symbol, { data, at }]) => ({
        symbol: symbol as string,
        side: data.side === 'short' ? 'short' : 'long',
        exitReason: (data.exitReason ?? 'unknown') as DeferredClose['exitReason'],
        kind: data.kind === 'flatten' || data.kind === 'operator' ? data.kind : 'exit',
        reason: (data.reason as string | undefined) ?? 'a close decided earlier',
        at,
      }));
  }

  async appendAudit(entries: readonly AuditEntry[], token: number | null): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((e) => ({ at: instant(e.at), actor: e.actor, action: e.action, subject: e.subject, reason: e.reason, data: toJsonb(e.data ?? {}) }));
    this.tables.fences.pass(token);
    this.tables.appendAudit(rows);
  }
}
