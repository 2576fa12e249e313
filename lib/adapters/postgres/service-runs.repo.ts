import type pg from 'pg';
import type { ServiceRun, ServiceRunsStore } from '../../ports/service-runs.port.ts';

interface Row {
  function_name: string;
  service: string;
  last_success_at: Date | null;
  last_failure_at: Date | null;
  last_error_code: string | null;
  runs: string;
  failures: string;
}

/** Postgres store of function runs: one upsert per invocation. */
export class PgServiceRunsStore implements ServiceRunsStore {
  constructor(private readonly pool: pg.Pool) {}

  async record(functionName: string, outcome: { ok: boolean; durationMs: number; errorCode?: string }, at: number): Promise<void> {
    const service = functionName.split('/')[0] ?? functionName;
    await this.pool.query(
      `INSERT INTO service_runs AS s (function_name, service, last_success_at, last_failure_at, last_error_code, last_duration_ms, runs, failures)
       VALUES ($1, $2, CASE WHEN $3 THEN to_timestamp($4 / 1000.0) END, CASE WHEN $3 THEN NULL ELSE to_timestamp($4 / 1000.0) END,
               $5, $6, 1, CASE WHEN $3 THEN 0 ELSE 1 END)
       ON CONFLICT (function_name) DO UPDATE SET
         last_success_at = COALESCE(EXCLUDED.last_success_at, s.last_success_at),
         last_failure_at = COALESCE(EXCLUDED.last_failure_at, s.last_failure_at),
         last_error_code = CASE WHEN $3 THEN s.last_error_code ELSE EXCLUDED.last_error_code END,
         last_duration_ms = EXCLUDED.last_duration_ms,
         runs = s.runs + 1,
         failures = s.failures + EXCLUDED.failures`,
      [functionName, service, outcome.ok, at, outcome.errorCode ?? null, outcome.durationMs],
    );
  }

  async list(): Promise<ServiceRun[]> {
    const { rows } = await this.pool.query<Row>(
      'SELECT function_name, service, last_success_at, last_failure_at, last_error_code, runs, failures FROM service_runs ORDER BY function_name',
    );
    return rows.map((r) => ({
      functionName: r.function_name,
      service: r.service,
      lastSuccessAt: r.last_success_at?.getTime() ?? null,
      lastFailureAt: r.last_failure_at?.getTime() ?? null,
      lastErrorCode: r.last_error_code,
      runs: Number(r.runs),
      failures: Number(r.failures),
    }));
  }
}
