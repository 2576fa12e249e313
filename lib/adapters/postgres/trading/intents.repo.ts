import type pg from 'pg';
import type { SubmitOutcome } from '../../../domain/orders.ts';
import type { IntentRecord, IntentStatus, NewIntent } from '../../../ports/trading-store.port.ts';
import { inTransaction } from '../pool.ts';
import { readPlan, readRecord, readRequest } from '../json-columns.ts';
import { fence } from '../fence.ts';

const ts = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

export interface IntentRow {
  id: string;
  client_order_id: string;
  cycle_id: string | null;
  created_at: Date;
  kind: NewIntent['kind'];
  request: unknown;
  reason: string;
  exit_reason: NewIntent['exitReason'] | null;
  plan: unknown;
  replaces_order_id: string | null;
  signal_id: string | null;
  story_id: string | null;
  news_item_id: string | null;
  risk: unknown;
  status: IntentStatus;
  broker_order_id: string | null;
  outcome: unknown;
  submitted_at: Date | null;
  resolved_at: Date | null;
  lookups: number;
}

const num = (v: string | null) => (v === null ? null : Number(v));

/** Maps an intents row. */
export function toIntent(r: IntentRow): IntentRecord {
  return {
    id: Number(r.id),
    clientOrderId: r.client_order_id,
    cycleId: num(r.cycle_id),
    createdAt: r.created_at.getTime(),
    kind: r.kind,
    request: readRequest(r.request),
    reason: r.reason,
    ...(r.exit_reason ? { exitReason: r.exit_reason } : {}),
    ...(r.plan ? { plan: readPlan(r.plan, 'intents.plan')! } : {}),
    ...(r.replaces_order_id ? { replacesOrderId: r.replaces_order_id } : {}),
    signalId: num(r.signal_id),
    storyId: num(r.story_id),
    newsItemId: num(r.news_item_id),
    risk: readRecord(r.risk, 'intents.risk'),
    status: r.status,
    brokerOrderId: r.broker_order_id,
    outcome: r.outcome === null ? null : readRecord(r.outcome, 'intents.outcome'),
    submittedAt: r.submitted_at?.getTime() ?? null,
    resolvedAt: r.resolved_at?.getTime() ?? null,
    lookups: r.lookups,
  };
}

/** The status an outcome leaves an intent in. */
export function statusOf(outcome: SubmitOutcome): IntentStatus {
  return outcome.status === 'accepted' ? 'accepted' : outcome.status === 'duplicate' ? (outcome.order ? 'accepted' : 'unresolved') : outcome.status;
}

/** Intents: stored under their unique client order id before anything is sent. */
export class PgIntents {
  constructor(private readonly pool: pg.Pool) {}

  async save(intents: readonly NewIntent[], token: number | null): Promise<IntentRecord[]> {
    if (intents.length === 0) return [];
    return inTransaction(this.pool, async (c) => {
      await fence(c, token);
      await c.query(
        `INSERT INTO intents (client_order_id, cycle_id, created_at, kind, symbol, side, qty, request, reason, exit_reason, plan,
           replaces_order_id, signal_id, story_id, news_item_id, risk, status)
         SELECT coid, cycle, created, kind, symbol, side, qty, request, reason, exit_reason, plan, replaces, signal, story, news, risk, 'pending'
         FROM unnest($1::text[], $2::bigint[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::jsonb[],
           $9::text[], $10::text[], $11::jsonb[], $12::text[], $13::bigint[], $14::bigint[], $15::bigint[], $16::jsonb[])
           AS t(coid, cycle, created, kind, symbol, side, qty, request, reason, exit_reason, plan, replaces, signal, story, news, risk)
         ON CONFLICT (client_order_id) DO NOTHING`,
        [
          intents.map((i) => i.clientOrderId),
          intents.map((i) => i.cycleId),
          intents.map((i) => ts(i.createdAt)),
          intents.map((i) => i.kind),
          intents.map((i) => i.request.symbol),
          intents.map((i) => i.request.side),
          intents.map((i) => i.request.qty ?? 0),
          intents.map((i) => JSON.stringify(i.request)),
          intents.map((i) => i.reason),
          intents.map((i) => i.exitReason ?? null),
          intents.map((i) => (i.plan ? JSON.stringify(i.plan) : null)),
          intents.map((i) => i.replacesOrderId ?? null),
          intents.map((i) => i.signalId ?? null),
          intents.map((i) => i.storyId ?? null),
          intents.map((i) => i.newsItemId ?? null),
          intents.map((i) => JSON.stringify(i.risk ?? {})),
        ],
      );
      const { rows } = await c.query<IntentRow>(`SELECT * FROM intents WHERE client_order_id = ANY($1::text[]) ORDER BY id`, [intents.map((i) => i.clientOrderId)]);
      return rows.map(toIntent);
    });
  }

  async markSubmitting(ids: readonly number[], at: number, token: number | null): Promise<number[]> {
    if (ids.length === 0) return [];
    return inTransaction(this.pool, async (c) => {
      await fence(c, token);
      // The row lock makes this a claim: of concurrent callers, only the one whose update moved an intent
      // out of 'pending' gets its id back, and only that caller may send it.
      const { rows } = await c.query<{ id: string }>(
        `UPDATE intents SET status = 'submitted', submitted_at = $2 WHERE id = ANY($1::bigint[]) AND status = 'pending' RETURNING id`,
        [ids, ts(at)],
      );
      return rows.map((r) => Number(r.id));
    });
  }

  async recordOutcome(id: number, outcome: SubmitOutcome, at: number, token: number | null): Promise<IntentStatus> {
    const status = statusOf(outcome);
    const orderId = outcome.status === 'accepted' ? outcome.order.id : outcome.status === 'duplicate' ? (outcome.order?.id ?? null) : null;
    const stored: Record<string, unknown> =
      outcome.status === 'rejected'
        ? { status: 'rejected', reason: outcome.reason, message: outcome.message, httpStatus: outcome.httpStatus, brokerCode: outcome.brokerCode ?? null }
        : outcome.status === 'unresolved'
          ? { status: 'unresolved', message: outcome.message }
          : { status: outcome.status, orderStatus: outcome.order?.status ?? null };
    await inTransaction(this.pool, async (c) => {
      await fence(c, token);
      await c.query(
        `UPDATE intents SET status = $2, broker_order_id = COALESCE($3, broker_order_id), outcome = $4,
           resolved_at = CASE WHEN $2 IN ('accepted', 'rejected', 'failed') THEN $5::timestamptz ELSE resolved_at END
         WHERE id = $1`,
        [id, status, orderId, JSON.stringify(stored), ts(at)],
      );
    });
    return status;
  }

  async unsettled(): Promise<IntentRecord[]> {
    const { rows } = await this.pool.query<IntentRow>(`SELECT * FROM intents WHERE status IN ('pending', 'submitted', 'unresolved') ORDER BY id`);
    return rows.map(toIntent);
  }

  async byClientOrderId(ids: readonly string[]): Promise<Map<string, IntentRecord>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.pool.query<IntentRow>(`SELECT * FROM intents WHERE client_order_id = ANY($1::text[])`, [[...new Set(ids)]]);
    return new Map(rows.map((r) => [r.client_order_id, toIntent(r)]));
  }
}
