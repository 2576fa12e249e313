import type pg from 'pg';
import type { AuditEntry } from '../../../ports/trading-store.port.ts';

/** Appends audit entries in one statement (the table refuses updates and deletes). */
export async function insertAudit(c: pg.PoolClient | pg.Pool, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await c.query(
    `INSERT INTO audit_log (at, actor, action, subject, reason, data)
     SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`,
    [
      entries.map((e) => new Date(e.at).toISOString()),
      entries.map((e) => e.actor),
      entries.map((e) => e.action),
      entries.map((e) => e.subject),
      entries.map((e) => e.reason),
      entries.map((e) => JSON.stringify(e.data ?? {})),
    ],
  );
}
