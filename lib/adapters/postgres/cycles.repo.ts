import type pg from 'pg';
import type { CycleRecord, CycleStore, StageRecord } from '../../ports/cycle-store.port.ts';
import type { Stage, StageRun } from '../../domain/cycle-stages.ts';
import { inTransaction } from './pool.ts';
import { fence } from './fence.ts';
import { readCounts, readCycleErrors, readStages } from './json-columns.ts';

const ts = (ms: number) => new Date(ms).toISOString();

interface CycleRow {
  id: string;
  started_at: Date;
  finished_at: Date | null;
  fence_token: string;
  mode: string;
  market_phase: string;
  status: CycleRecord['status'];
  stages: unknown;
  counts: unknown;
  errors: unknown;
}

const toCycle = (r: CycleRow): CycleRecord => ({
  id: Number(r.id),
  startedAt: r.started_at.getTime(),
  finishedAt: r.finished_at?.getTime() ?? null,
  fenceToken: Number(r.fence_token),
  mode: r.mode,
  marketPhase: r.market_phase,
  status: r.status,
  stages: readStages(r.stages),
  counts: readCounts(r.counts, 'cycles.counts'),
  errors: readCycleErrors(r.errors),
});

/** Postgres cycle store. */
export class PgCycleStore implements CycleStore {
  constructor(private readonly pool: pg.Pool) {}

  async start(token: number, at: number, mode: string, marketPhase: string): Promise<CycleRecord> {
    return inTransaction(this.pool, async (c) => {
      await fence(c, token);
      const { rows } = await c.query<CycleRow>(
        `INSERT INTO cycles (started_at, fence_token, mode, market_phase, status) VALUES ($1, $2, $3, $4, 'running') RETURNING *`,
        [ts(at), token, mode, marketPhase],
      );
      return toCycle(rows[0]!);
    });
  }

  async recordStage(cycleId: number, token: number, stage: StageRecord, day: string): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      await fence(c, token);
      await c.query(
        `UPDATE cycles SET stages = stages || $2::jsonb,
           errors = CASE WHEN $3::jsonb IS NULL THEN errors ELSE errors || $3::jsonb END
         WHERE id = $1`,
        [cycleId, JSON.stringify([stage]), stage.error ? JSON.stringify([{ stage: stage.name, ...stage.error }]) : null],
      );
      await c.query(
        `INSERT INTO stage_runs (stage, last_run_at, last_ok_at, last_day) VALUES ($1, $2, CASE WHEN $3 THEN $2::timestamptz END, $4)
         ON CONFLICT (stage) DO UPDATE SET last_run_at = EXCLUDED.last_run_at,
           last_ok_at = COALESCE(EXCLUDED.last_ok_at, stage_runs.last_ok_at), last_day = EXCLUDED.last_day`,
        [stage.name, ts(stage.startedAt), stage.ok, day],
      );
    });
  }

  async finish(cycleId: number, token: number, at: number, status: CycleRecord['status'], counts: Record<string, number>): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      await fence(c, token);
      await c.query(`UPDATE cycles SET finished_at = $2, status = $3, counts = $4 WHERE id = $1`, [cycleId, ts(at), status, JSON.stringify(counts)]);
    });
  }

  async stageRuns(): Promise<Partial<Record<Stage, StageRun>>> {
    const { rows } = await this.pool.query<{ stage: Stage; last_run_at: Date; last_day: Date | string | null }>(`SELECT stage, last_run_at, last_day::text FROM stage_runs`);
    return Object.fromEntries(rows.map((r) => [r.stage, { lastRunAt: r.last_run_at.getTime(), lastDay: r.last_day === null ? null : String(r.last_day) }]));
  }

  async exists(cycleId: number): Promise<boolean> {
    const { rows } = await this.pool.query(`SELECT 1 FROM cycles WHERE id = $1`, [cycleId]);
    return rows.length > 0;
  }

  async recent(limit: number): Promise<CycleRecord[]> {
    const { rows } = await this.pool.query<CycleRow>(`SELECT * FROM cycles ORDER BY id DESC LIMIT $1`, [limit]);
    return rows.map(toCycle);
  }

  async lastSuccessfulAt(): Promise<number | null> {
    const { rows } = await this.pool.query<{ at: Date | null }>(`SELECT max(finished_at) AS at FROM cycles WHERE status IN ('ok', 'partial')`);
    return rows[0]?.at?.getTime() ?? null;
  }
}
