import type pg from 'pg';
import * as z from 'zod/mini';
import { backtestReportSchema, reportMetricsSchema, type BacktestReportFile } from '../../domain/research/backtest-report.schema.ts';
import { eventGroupSchema, eventSkipsSchema, eventStudyDocumentSchema, type EventStudyDocumentFile } from '../../domain/research/event-study.schema.ts';
import { trialMetricsSchema, walkForwardSummarySchema, type WalkForwardSummaryFile } from '../../domain/research/walk-forward-summary.schema.ts';
import type { TrialMetrics } from '../../domain/research/trial.ts';
import type { ResearchRunFilter, ResearchRunHeader, ResearchRunKind, ResearchRunListing, ResearchRunRecord, ResearchRunsReader } from '../../ports/research-runs.port.ts';
import type { StoredFold } from '../../ports/research-store.port.ts';
import { readFolds } from './research-folds.query.ts';
import { readJson, readRecord } from './json-columns.ts';

const nnum = z.nullable(z.number());
/** The part of each kind's document the list shows (extracted in SQL: the list never loads a whole document). */
const HEADLINES = {
  backtest: z.object({ metrics: reportMetricsSchema, assumptions: z.array(z.string()), warnings: z.array(z.string()), digest: z.string(), trades: z.number() }),
  'event-study': z.object({ events: z.number(), skipped: eventSkipsSchema, all: z.nullable(eventGroupSchema), horizons: z.array(z.string()), newsLatency: z.string(), spreadModel: z.string() }),
  'walk-forward': z.nullable(z.object({ outOfSample: trialMetricsSchema, outOfSampleScore: nnum, inSampleMeanScore: nnum, probabilisticSharpe: nnum, folds: z.number() })),
} as const;
const PointColumn = z.record(z.string(), z.number());

interface RunRow {
  id: string;
  kind: ResearchRunKind;
  status: 'running' | 'done';
  spec: unknown;
  settings_digest: string;
  started_at: number;
  finished_at: number | null;
}

const HEADER_COLUMNS = `id, kind, status, spec, COALESCE(settings_digest, spec_key) AS settings_digest,
  (extract(epoch FROM started_at) * 1000)::float8 AS started_at, (extract(epoch FROM finished_at) * 1000)::float8 AS finished_at`;

function header(r: RunRow): ResearchRunHeader & { settings: Record<string, unknown> } {
  const settings = readRecord(r.spec, 'research_runs.spec');
  return {
    id: Number(r.id), kind: r.kind, status: r.status, from: String(settings.from ?? ''), to: String(settings.to ?? ''),
    settingsDigest: r.settings_digest, startedAt: r.started_at, finishedAt: r.finished_at, settings,
  };
}

/** Read-only queries of research runs for the dashboard (db/migrations 0088, 0089). */
export class PgResearchRunsReader implements ResearchRunsReader {
  constructor(private readonly pool: pg.Pool) {}

  /** One page of the list, filtered and paged in one statement (ISO dates compare as text). */
  async runs(filter: ResearchRunFilter): Promise<{ runs: ResearchRunListing[]; nextBeforeId: number | null }> {
    const { rows } = await this.pool.query<RunRow & { headline: unknown }>(
      `SELECT ${HEADER_COLUMNS},
         CASE kind
           WHEN 'backtest' THEN jsonb_build_object('metrics', summary->'metrics', 'assumptions', summary->'assumptions', 'warnings', summary->'warnings',
                                                   'digest', summary->'digest', 'trades', summary->'summary'->'trades')
           WHEN 'event-study' THEN jsonb_build_object('events', jsonb_array_length(summary->'events'), 'skipped', summary->'skipped',
                                                      'all', (SELECT g FROM jsonb_array_elements(summary->'groups') g WHERE g->>'dimension' = 'all' LIMIT 1),
                                                      'horizons', summary->'settings'->'horizons', 'newsLatency', summary->'settings'->'newsLatency',
                                                      'spreadModel', summary->'settings'->'spreadModel')
           ELSE CASE WHEN summary IS NULL THEN NULL ELSE jsonb_build_object('outOfSample', summary->'outOfSample'->'metrics', 'outOfSampleScore', summary->'outOfSampleScore',
                                                   'inSampleMeanScore', summary->'inSampleMeanScore', 'probabilisticSharpe', summary->'probabilisticSharpe',
                                                   'folds', jsonb_array_length(summary->'folds')) END
         END AS headline
       FROM research_runs
       WHERE ($1::text IS NULL OR kind = $1) AND ($2::bigint IS NULL OR id < $2)
         AND ($4::text IS NULL OR spec->>'to' >= $4) AND ($5::text IS NULL OR spec->>'from' <= $5)
         AND ($6::date IS NULL OR (COALESCE(finished_at, started_at) AT TIME ZONE 'America/New_York')::date >= $6)
         AND ($7::date IS NULL OR (COALESCE(finished_at, started_at) AT TIME ZONE 'America/New_York')::date <= $7)
       ORDER BY id DESC LIMIT $3`,
      [filter.kind ?? null, filter.beforeId ?? null, filter.limit + 1, filter.from ?? null, filter.to ?? null, filter.savedFrom ?? null, filter.savedTo ?? null],
    );
    const page = rows.slice(0, filter.limit);
    return {
      runs: page.map((r) => ({ ...header(r), headline: readJson(HEADLINES[r.kind], r.headline, `research_runs.summary (${r.kind})`) })),
      nextBeforeId: rows.length > filter.limit ? Number(page.at(-1)!.id) : null,
    };
  }

  async run(id: number): Promise<ResearchRunRecord | null> {
    const { rows } = await this.pool.query<RunRow & { summary: unknown }>(`SELECT ${HEADER_COLUMNS}, summary FROM research_runs WHERE id = $1`, [id]);
    const row = rows[0];
    if (!row) return null;
    const { settings, ...head } = header(row);
    if (row.kind === 'backtest') return { ...head, kind: 'backtest', report: readJson<typeof backtestReportSchema, BacktestReportFile>(backtestReportSchema, row.summary, 'research_runs.summary (backtest)') };
    if (row.kind === 'event-study') return { ...head, kind: 'event-study', document: readJson<typeof eventStudyDocumentSchema, EventStudyDocumentFile>(eventStudyDocumentSchema, row.summary, 'research_runs.summary (event-study)') };
    const summary = row.summary === null ? null : readJson<typeof walkForwardSummarySchema, WalkForwardSummaryFile>(walkForwardSummarySchema, row.summary, 'research_runs.summary (walk-forward)');
    const [folds, trials] = await Promise.all([this.folds(id), this.trials(id)]);
    return { ...head, kind: 'walk-forward', spec: settings, summary, folds, trials };
  }

  private async trials(runId: number) {
    const { rows } = await this.pool.query<{ trial_key: string; point: unknown; window_from: string; window_to: string; metrics: unknown }>(
      `SELECT trial_key, point, to_char(window_from, 'YYYY-MM-DD') AS window_from, to_char(window_to, 'YYYY-MM-DD') AS window_to, result->'metrics' AS metrics
       FROM research_trials WHERE run_id = $1 ORDER BY trial_key`,
      [runId],
    );
    return rows.map((r) => ({
      key: r.trial_key,
      point: readJson<typeof PointColumn, Record<string, number>>(PointColumn, r.point, 'research_trials.point'),
      window: { from: r.window_from, to: r.window_to },
      metrics: readJson<typeof trialMetricsSchema, TrialMetrics>(trialMetricsSchema, r.metrics, 'research_trials.result.metrics'),
    }));
  }

  private folds(runId: number): Promise<StoredFold[]> {
    return readFolds(this.pool, runId);
  }
}
