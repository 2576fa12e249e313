import type pg from 'pg';
import * as z from 'zod/mini';
import type { StoredFold } from '../../ports/research-store.port.ts';
import { readJson } from './json-columns.ts';

const PointColumn = z.record(z.string(), z.number());

/** The folds stored for a walk-forward run, oldest first: what the study store and the read-only reader both answer. */
export async function readFolds(pool: pg.Pool, runId: number): Promise<StoredFold[]> {
  const { rows } = await pool.query<{ fold_index: number; isf: string; ist: string; oosf: string; oost: string; chosen_point: unknown; in_sample_trial_key: string | null; out_of_sample_trial_key: string | null; in_sample_score: number | null; out_of_sample_score: number | null }>(
    `SELECT fold_index, to_char(in_sample_from, 'YYYY-MM-DD') AS isf, to_char(in_sample_to, 'YYYY-MM-DD') AS ist,
            to_char(out_of_sample_from, 'YYYY-MM-DD') AS oosf, to_char(out_of_sample_to, 'YYYY-MM-DD') AS oost,
            chosen_point, in_sample_trial_key, out_of_sample_trial_key, in_sample_score, out_of_sample_score
     FROM research_folds WHERE run_id = $1 ORDER BY fold_index`,
    [runId],
  );
  return rows.map((r) => ({
    index: r.fold_index,
    inSample: { from: r.isf, to: r.ist },
    outOfSample: { from: r.oosf, to: r.oost },
    chosen: r.chosen_point === null ? null : readJson<typeof PointColumn, Record<string, number>>(PointColumn, r.chosen_point, 'research_folds.chosen_point'),
    inSampleTrialKey: r.in_sample_trial_key,
    outOfSampleTrialKey: r.out_of_sample_trial_key,
    inSampleScore: r.in_sample_score,
    outOfSampleScore: r.out_of_sample_score,
  }));
}
