import type pg from 'pg';
import * as z from 'zod/mini';
import type { ResearchStore, StoredFold, StoredTrial } from '../../ports/research-store.port.ts';
import type { TrialResult } from '../../domain/research/trial.ts';
import type { ParameterPoint } from '../../domain/research/parameter-sampling.ts';
import { readFolds } from './research-folds.query.ts';
import { readJson } from './json-columns.ts';

const nullableNum = z.nullable(z.number());
/** research_trials.result: a TrialResult. */
const TrialResultColumn = z.object({
  sessionReturns: z.array(z.number()),
  trades: z.array(z.object({ exitDate: z.string(), netPnlUsd: z.number() })),
  startEquityUsd: z.number(),
  metrics: z.object({
    trades: z.number(),
    netPnlUsd: z.number(),
    totalReturn: nullableNum,
    sharpe: nullableNum,
    sortino: nullableNum,
    profitFactor: nullableNum,
    expectancyUsd: nullableNum,
    winRate: nullableNum,
    maxDrawdown: z.number(),
  }),
  digest: z.string(),
});
const PointColumn = z.record(z.string(), z.number());

interface TrialRow {
  trial_key: string;
  point: unknown;
  window_from: string;
  window_to: string;
  result: unknown;
}

/** Postgres store of walk-forward studies (db/migrations/0088_research_runs.sql). */
export class PgResearchStore implements ResearchStore {
  constructor(private readonly pool: pg.Pool) {}

  async openRun(specKey: string, spec: Record<string, unknown>): Promise<{ runId: number; resumed: boolean }> {
    // xmax = 0 only on a freshly inserted row: tells a new run from a resumed one in one round trip.
    const { rows } = await this.pool.query<{ id: string; inserted: boolean }>(
      `INSERT INTO research_runs (spec_key, spec) VALUES ($1, $2)
       ON CONFLICT (spec_key) DO UPDATE SET status = 'running', finished_at = NULL
       RETURNING id, (xmax = 0) AS inserted`,
      [specKey, JSON.stringify(spec)],
    );
    return { runId: Number(rows[0]!.id), resumed: !rows[0]!.inserted };
  }

  async storedTrials(runId: number): Promise<StoredTrial[]> {
    const { rows } = await this.pool.query<TrialRow>(
      `SELECT trial_key, point, to_char(window_from, 'YYYY-MM-DD') AS window_from, to_char(window_to, 'YYYY-MM-DD') AS window_to, result
       FROM research_trials WHERE run_id = $1 ORDER BY trial_key`,
      [runId],
    );
    return rows.map((r) => ({
      key: r.trial_key,
      point: readJson<typeof PointColumn, ParameterPoint>(PointColumn, r.point, 'research_trials.point'),
      window: { from: r.window_from, to: r.window_to },
      result: readJson<typeof TrialResultColumn, TrialResult>(TrialResultColumn, r.result, 'research_trials.result'),
    }));
  }

  async saveTrial(runId: number, trial: StoredTrial, wallMs: number): Promise<void> {
    // A trial that two folds share, or that a resumed run re-ran, is the same result: keep the first.
    await this.pool.query(
      `INSERT INTO research_trials (run_id, trial_key, point, window_from, window_to, result, wall_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (run_id, trial_key) DO NOTHING`,
      [runId, trial.key, JSON.stringify(trial.point), trial.window.from, trial.window.to, JSON.stringify(trial.result), wallMs],
    );
  }

  async saveFold(runId: number, f: StoredFold): Promise<void> {
    await this.pool.query(
      `INSERT INTO research_folds (run_id, fold_index, in_sample_from, in_sample_to, out_of_sample_from, out_of_sample_to,
                                   chosen_point, in_sample_trial_key, out_of_sample_trial_key, in_sample_score, out_of_sample_score)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (run_id, fold_index) DO UPDATE SET chosen_point = EXCLUDED.chosen_point, in_sample_trial_key = EXCLUDED.in_sample_trial_key,
         out_of_sample_trial_key = EXCLUDED.out_of_sample_trial_key, in_sample_score = EXCLUDED.in_sample_score, out_of_sample_score = EXCLUDED.out_of_sample_score`,
      [runId, f.index, f.inSample.from, f.inSample.to, f.outOfSample.from, f.outOfSample.to, f.chosen === null ? null : JSON.stringify(f.chosen), f.inSampleTrialKey, f.outOfSampleTrialKey, f.inSampleScore, f.outOfSampleScore],
    );
  }

  async finishRun(runId: number, summary: Record<string, unknown>): Promise<void> {
    await this.pool.query(`UPDATE research_runs SET status = 'done', summary = $2, finished_at = now() WHERE id = $1`, [runId, JSON.stringify(summary)]);
  }

  /** The folds stored for a run, oldest first (for reports and tests). */
  folds(runId: number): Promise<StoredFold[]> {
    return readFolds(this.pool, runId);
  }
}
