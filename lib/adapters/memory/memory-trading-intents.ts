import type { SubmitOutcome } from '../../domain/orders.ts';
import type { IntentRecord, IntentStatus, NewIntent } from '../../ports/trading-store.port.ts';
import { readPlan, readRecord, readRequest } from '../postgres/json-columns.ts';
import { statusOf } from '../postgres/trading/intents.repo.ts';
import { fromJsonb, instant, toJsonb } from './memory-json.ts';
import { CLOSE_KINDS, insertSorted, type IntentRow, type MemoryTradingTables } from './memory-trading-tables.ts';

/** Maps an intents row to the record the port returns (a fresh object, as Postgres gives). */
export function toIntent(r: IntentRow): IntentRecord {
  return {
    id: r.id,
    clientOrderId: r.clientOrderId,
    cycleId: r.cycleId,
    createdAt: r.createdAt,
    kind: r.kind,
    request: fromJsonb(r.request),
    reason: r.reason,
    ...(r.exitReason ? { exitReason: r.exitReason } : {}),
    ...(r.plan !== null && r.plan !== 'null' ? { plan: fromJsonb(r.plan) } : {}),
    ...(r.replacesOrderId ? { replacesOrderId: r.replacesOrderId } : {}),
    signalId: r.signalId,
    storyId: r.storyId,
    newsItemId: r.newsItemId,
    risk: fromJsonb(r.risk),
    status: r.status,
    brokerOrderId: r.brokerOrderId,
    outcome: r.outcome === null ? null : fromJsonb(r.outcome),
    submittedAt: r.submittedAt,
    resolvedAt: r.resolvedAt,
    lookups: r.lookups,
  };
}

function rowOf(i: NewIntent, id: number): IntentRow {
  const row: IntentRow = {
    id,
    clientOrderId: i.clientOrderId,
    cycleId: i.cycleId,
    createdAt: instant(i.createdAt),
    kind: i.kind,
    symbol: i.request.symbol,
    side: i.request.side,
    qty: i.request.qty ?? 0,
    request: toJsonb(i.request),
    reason: i.reason,
    exitReason: i.exitReason ?? null,
    plan: i.plan ? toJsonb(i.plan) : null,
    replacesOrderId: i.replacesOrderId ?? null,
    signalId: i.signalId ?? null,
    storyId: i.storyId ?? null,
    newsItemId: i.newsItemId ?? null,
    risk: toJsonb(i.risk ?? {}),
    status: 'pending',
    brokerOrderId: null,
    outcome: null,
    submittedAt: null,
    resolvedAt: null,
    lookups: 0,
  };
  if (row.side !== 'buy' && row.side !== 'sell') throw new Error(`new row for relation "intents" violates check constraint "intents_side_check" (side ${JSON.stringify(row.side)})`);
  // Postgres checks the JSON columns when it reads the rows back in the same transaction: a malformed one
  // refuses the whole batch (DATA_INVALID) and stores nothing.
  readRequest(fromJsonb(row.request));
  if (row.plan !== null) readPlan(fromJsonb(row.plan), 'intents.plan');
  readRecord(fromJsonb(row.risk), 'intents.risk');
  return row;
}

/** Intents in memory: the same unique client order id, claims and outcomes as postgres/trading/intents.repo.ts. */
export class MemoryIntents {
  constructor(private readonly t: MemoryTradingTables) {}

  save(intents: readonly NewIntent[], token: number | null): IntentRecord[] {
    if (intents.length === 0) return [];
    const t = this.t;
    const fresh = new Map<string, IntentRow>();
    const firstId = t.seq.intents + 1;
    try {
      intents.forEach((i, n) => {
        if (!t.intentByClientId.has(i.clientOrderId) && !fresh.has(i.clientOrderId)) fresh.set(i.clientOrderId, rowOf(i, firstId + n));
      });
    } catch (e) {
      // Postgres had inserted (and so drawn ids) before it read the malformed row back and rolled back.
      t.seq.intents += intents.length;
      throw e;
    }
    t.fences.pass(token);
    // Every proposed row takes an id, also one whose client order id exists (as a Postgres sequence does).
    t.seq.intents += intents.length;
    for (const row of fresh.values()) {
      t.intents.set(row.id, row);
      t.intentByClientId.set(row.clientOrderId, row);
      t.setStatus(row, 'pending');
      if (row.signalId !== null) t.intentSignals.add(row.signalId);
      if (row.kind === 'entry' && row.storyId !== null) insertSorted(t.storyEntries, row, (r) => r.createdAt);
      if (CLOSE_KINDS.has(row.kind)) t.lastCloseIntentAt.set(row.symbol, Math.max(t.lastCloseIntentAt.get(row.symbol) ?? -Infinity, row.createdAt));
    }
    const rows = [...new Set(intents.map((i) => t.intentByClientId.get(i.clientOrderId)!))];
    return rows.sort((a, b) => a.id - b.id).map(toIntent);
  }

  markSubmitting(ids: readonly number[], at: number, token: number | null): number[] {
    if (ids.length === 0) return [];
    const when = instant(at);
    this.t.fences.pass(token);
    const claimed: number[] = [];
    for (const id of new Set(ids)) {
      const row = this.t.intents.get(id);
      if (!row || row.status !== 'pending') continue;
      this.t.setStatus(row, 'submitted');
      row.submittedAt = when;
      claimed.push(id);
    }
    return claimed.sort((a, b) => a - b);
  }

  recordOutcome(id: number, outcome: SubmitOutcome, at: number, token: number | null): IntentStatus {
    const status = statusOf(outcome);
    const orderId = outcome.status === 'accepted' ? outcome.order.id : outcome.status === 'duplicate' ? (outcome.order?.id ?? null) : null;
    const stored: Record<string, unknown> =
      outcome.status === 'rejected'
        ? { status: 'rejected', reason: outcome.reason, message: outcome.message, httpStatus: outcome.httpStatus, brokerCode: outcome.brokerCode ?? null }
        : outcome.status === 'unresolved'
          ? { status: 'unresolved', message: outcome.message }
          : { status: outcome.status, orderStatus: outcome.order?.status ?? null };
    const text = toJsonb(stored);
    const when = instant(at);
    this.t.fences.pass(token);
    const row = this.t.intents.get(id);
    if (row) {
      this.t.setStatus(row, status);
      row.brokerOrderId = orderId ?? row.brokerOrderId;
      row.outcome = text;
      if (status === 'accepted' || status === 'rejected' || status === 'failed') row.resolvedAt = when;
    }
    return status;
  }

  unsettled(): IntentRecord[] {
    if (this.t.unsettled.size === 0) return [];
    return [...this.t.unsettled].sort((a, b) => a - b).map((id) => toIntent(this.t.intents.get(id)!));
  }

  byClientOrderId(ids: readonly string[]): Map<string, IntentRecord> {
    const out = new Map<string, IntentRecord>();
    for (const id of ids) {
      const row = this.t.intentByClientId.get(id);
      if (row && !out.has(id)) out.set(id, toIntent(row));
    }
    return out;
  }
}
