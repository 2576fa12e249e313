import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { PgResearchStore } from './research.repo.ts';
import { trialMetrics } from '../../domain/research/trial.ts';

describe('research store', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('finds_the_same_run_for_the_same_specification_and_keeps_the_first_copy_of_a_trial', async () => {
    const store = new PgResearchStore(db.pool);
    const a = await store.openRun('spec-1', { folds: 2 });
    expect(a.resumed).toBe(false);
    const result = { sessionReturns: [0.01], trades: [{ exitDate: '2026-11-16', netPnlUsd: 1000 }], startEquityUsd: 100_000, metrics: trialMetrics([0.01], [{ exitDate: '2026-11-16', netPnlUsd: 1000 }]), digest: 'd1' };
    const trial = { key: 'k', point: { RISK_PER_TRADE_PCT: 0.5 }, window: { from: '2026-11-16', to: '2026-11-16' }, result };
    await store.saveTrial(a.runId, trial, 12);
    await store.saveTrial(a.runId, { ...trial, result: { ...result, digest: 'd2' } }, 13);
    const b = await store.openRun('spec-1', { folds: 2 });
    expect(b).toEqual({ runId: a.runId, resumed: true });
    expect(await store.storedTrials(a.runId)).toEqual([trial]);
  });

  it('refuses_a_malformed_stored_result_naming_the_column_and_field', async () => {
    const store = new PgResearchStore(db.pool);
    const { runId } = await store.openRun('spec-2', {});
    await db.pool.query(`INSERT INTO research_trials (run_id, trial_key, point, window_from, window_to, result, wall_ms) VALUES ($1, 'k', '{}', '2026-11-16', '2026-11-16', '{"sessionReturns": "x"}', 1)`, [runId]);
    await expect(store.storedTrials(runId)).rejects.toThrow(/Stored research_trials.result is malformed: research_trials.result.sessionReturns/);
  });
});
