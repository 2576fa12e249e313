import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { PgResearchStore } from '../../adapters/postgres/research.repo.ts';
import { PgResearchArchive } from '../../adapters/postgres/research-archive.repo.ts';
import { PgResearchRunsReader } from '../../adapters/postgres/research-runs.reader.ts';
import { syntheticTrial } from '../../adapters/research/synthetic-trial.test-support.ts';
import { calendarBetween } from '../../domain/calendar/nyse-calendar.ts';
import { drawdownCurve } from '../../domain/performance.ts';
import { runWalkForward, type WalkForwardSpec } from '../research/walk-forward.ts';
import { researchRunView, researchRunsView } from './research-views.ts';
import { thinCurve } from './research-run-view.ts';

// A walk-forward study run by the real machinery over the seeded stand-in trial (syntheticTrial), stored in
// Postgres by the real store, then read back as the dashboard reads it.
const SPEC: WalkForwardSpec = {
  sessions: calendarBetween('2026-09-01', '2026-10-30').map((s) => s.date),
  plan: { folds: 2, inSampleSessions: 20, outOfSampleSessions: 10 },
  space: [
    { name: 'RISK', min: 0.25, max: 1.5, step: 0.25 },
    { name: 'POSITIONS', min: 1, max: 3, step: 1 },
  ],
  trials: 8,
  sampler: 'random',
  eta: 3,
  objective: 'sharpe',
  minTrades: 5,
  seed: 3,
  monteCarloSamples: 100,
  context: { test: 'research-views' },
};

describe('research views over stored runs', () => {
  let db: TestDb;
  let deps: { research: PgResearchRunsReader };
  let runId: number;
  beforeAll(async () => {
    db = await createTestDb();
    deps = { research: new PgResearchRunsReader(db.pool) };
    const invoker = { concurrency: 2, run: async (r: Parameters<typeof syntheticTrial>[0]) => syntheticTrial(r), close: async () => undefined };
    runId = (await runWalkForward(SPEC, { invoker, store: new PgResearchStore(db.pool), now: () => 0 })).runId;
  });
  afterAll(async () => {
    await db.drop();
  });

  it('lists_a_walk_forward_study_with_its_stitched_out_of_sample_figures_and_assumptions', async () => {
    const { runs, nextBeforeId } = await researchRunsView(deps, { limit: 10 });
    expect(nextBeforeId).toBeNull();
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run).toMatchObject({ id: runId, kind: 'walk-forward', status: 'done', from: '2026-09-01', to: '2026-10-30' });
    expect(run.settings).toMatchObject({ objective: 'sharpe', trials: 8, tuned: 'RISK, POSITIONS' });
    expect(run.settingsDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(run.headline).toMatchObject({ folds: 2, outOfSample: { trades: 20 } });
    expect(run.assumptions.join('\n')).toContain('at least 5 trade(s)');
    expect((await researchRunsView(deps, { kind: 'backtest', limit: 10 })).runs).toEqual([]);
  });

  it('shows_per_fold_in_and_out_of_sample_and_the_objective_per_parameter_value', async () => {
    const view = (await researchRunView(deps, runId, { maxPoints: 2000, maxBytes: 900_000 })) as Extract<Awaited<ReturnType<typeof researchRunView>>, { kind: 'walk-forward' }>;
    const folds = view.summary!.folds;
    expect(folds.map((f) => [f.inSample.sessions, f.outOfSample.sessions])).toEqual([[20, 10], [20, 10]]);
    expect(folds.every((f) => f.inSampleMetrics !== null && f.chosen !== null)).toBe(true);
    expect(view.summary!.folds).toHaveLength(2);
    expect(view.outOfSampleEquity).toHaveLength(20);
    expect(view.outOfSampleEquity[0]!.date).toBe(view.summary!.folds[0]!.outOfSample.from);
    // Sensitivity: every sampled value of both settings, the objective averaged over whole in-sample windows only.
    const risk = view.sensitivity.find((s) => s.name === 'RISK')!;
    expect(risk.values.reduce((n, v) => n + v.trials, 0)).toBe(16); // 8 trials x 2 folds
    expect(risk.values.every((v) => v.meanScore !== null)).toBe(true);
    // Every stored trial is counted: 16 in sample, plus the chosen settings' out-of-sample runs.
    expect(view.trials).toBeGreaterThanOrEqual(17);
    expect(view.sensitivity.find((s) => s.name === 'POSITIONS')!.values.map((v) => v.value).every((v) => [1, 2, 3].includes(v))).toBe(true);
  });

  it('refuses_a_malformed_document_naming_the_field_and_writes_nothing', async () => {
    const archive = new PgResearchArchive(db.pool);
    await expect(archive.saveEventStudy({ format: 'catalyst.event-study', version: 1 } as never)).rejects.toThrow(/Stored event study is malformed: event study.settings/);
    expect((await researchRunsView(deps, { kind: 'event-study', limit: 10 })).runs).toEqual([]);
    await expect(researchRunView(deps, 999_999, { maxPoints: 2000, maxBytes: 900_000 })).rejects.toThrow('No research run 999999');
  });

  it('refuses_to_show_a_stored_run_whose_document_no_longer_fits_its_schema', async () => {
    await db.pool.query(`INSERT INTO research_runs (spec_key, spec, kind, status, summary) VALUES ('broken', '{"from":"2026-11-16","to":"2026-11-16"}', 'backtest', 'done', '{"schemaVersion": 1}')`);
    await expect(researchRunsView(deps, { limit: 10 })).rejects.toThrow(/research_runs.summary \(backtest\) is malformed/);
    await db.pool.query(`DELETE FROM research_runs WHERE spec_key = 'broken'`);
  });

  it('filters_by_kind_studied_window_and_saved_date_in_new_york_and_pages_within_the_filter', async () => {
    // Four running studies (no summary yet): their windows and the instant each was saved, in UTC.
    const rows: [string, string, string, string][] = [
      ['f1', '2026-01-05', '2026-01-30', '2026-02-01T15:00:00Z'],
      ['f2', '2026-02-02', '2026-02-27', '2026-03-01T15:00:00Z'],
      ['f3', '2026-03-02', '2026-03-31', '2026-04-01T03:30:00Z'], // 2026-03-31 23:30 in New York
      ['f4', '2026-01-20', '2026-03-10', '2026-04-02T15:00:00Z'],
    ];
    const ids: Record<string, number> = {};
    for (const [key, from, to, at] of rows) {
      const { rows: r } = await db.pool.query<{ id: string }>(`INSERT INTO research_runs (spec_key, spec, kind, status, started_at) VALUES ($1, $2, 'walk-forward', 'running', $3) RETURNING id`, [key, JSON.stringify({ from, to }), at]);
      ids[key] = Number(r[0]!.id);
    }
    const listed = async (f: Omit<Parameters<typeof researchRunsView>[1], 'limit'>, limit = 10) => (await researchRunsView(deps, { ...f, limit })).runs.map((r) => r.id);
    try {
      // Window overlap, bounds inclusive: f2 ends on 02-27, f4 spans February, f1 ends before it.
      expect(await listed({ from: '2026-02-27', to: '2026-02-27' })).toEqual([ids.f4, ids.f2]);
      expect(await listed({ from: '2026-03-11', to: '2026-06-30' })).toEqual([ids.f3]);
      expect(await listed({ to: '2026-01-19' })).toEqual([ids.f1]);
      // Saved date is the New York date: f3 was saved on 03-31 there (04-01 in UTC).
      expect(await listed({ savedFrom: '2026-03-31', savedTo: '2026-03-31' })).toEqual([ids.f3]);
      expect(await listed({ savedFrom: '2026-04-01', savedTo: '2026-04-30' })).toEqual([ids.f4]);
      // Both filters together, with the kind: one query, nothing of another kind.
      expect(await listed({ kind: 'walk-forward', from: '2026-01-01', to: '2026-01-31', savedTo: '2026-03-15' })).toEqual([ids.f1]);
      expect(await listed({ kind: 'backtest', from: '2026-01-01' })).toEqual([]);
      // Pages stay inside the filter: one at a time over the two January-overlapping runs (f2 and f3 are skipped).
      const first = await researchRunsView(deps, { from: '2026-01-01', to: '2026-01-31', limit: 1 });
      expect(first.runs.map((r) => r.id)).toEqual([ids.f4]);
      expect(first.nextBeforeId).toBe(ids.f4);
      const second = await researchRunsView(deps, { from: '2026-01-01', to: '2026-01-31', limit: 1, beforeId: first.nextBeforeId! });
      expect(second.runs.map((r) => r.id)).toEqual([ids.f1]);
      expect(second.nextBeforeId).toBeNull();
    } finally {
      await db.pool.query(`DELETE FROM research_runs WHERE spec_key = ANY($1)`, [rows.map((r) => r[0])]);
    }
  });

  it('thins_a_long_equity_curve_keeping_its_deepest_drawdown_and_its_last_point', () => {
    const points = Array.from({ length: 10_000 }, (_, i) => ({ at: i * 60_000, date: '', equity: 100_000 + Math.sin(i / 300) * 1000 - (i === 7_321 ? 5_000 : 0) }));
    const curve = drawdownCurve(points);
    const thin = thinCurve(curve, 500);
    expect(thin.length).toBeLessThanOrEqual(500);
    expect(Math.max(...thin.map((p) => p.drawdown))).toBe(Math.max(...curve.map((p) => p.drawdown)));
    expect(thin.at(-1)).toEqual(curve.at(-1));
    expect(thin.every((p, i) => i === 0 || p.at > thin[i - 1]!.at)).toBe(true);
  });
});
