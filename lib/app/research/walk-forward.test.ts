import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { PgResearchStore } from '../../adapters/postgres/research.repo.ts';
import { syntheticTrial } from '../../adapters/research/synthetic-trial.test-support.ts';
import { calendarBetween } from '../../domain/calendar/nyse-calendar.ts';
import type { TrialInvoker } from '../../ports/trial-invoker.port.ts';
import { runWalkForward, type WalkForwardReport, type WalkForwardSpec } from './walk-forward.ts';

const SPEC: WalkForwardSpec = {
  sessions: calendarBetween('2026-09-01', '2026-11-30').map((s) => s.date),
  plan: { folds: 3, inSampleSessions: 30, outOfSampleSessions: 10 },
  space: [
    { name: 'RISK', min: 0.25, max: 1.5, step: 0.25 },
    { name: 'POSITIONS', min: 1, max: 5, step: 1 },
  ],
  trials: 9,
  sampler: 'random',
  eta: 3,
  objective: 'sharpe',
  minTrades: 5,
  seed: 11,
  monteCarloSamples: 200,
  context: { test: 'walk-forward' },
};

/** In process, finishing trials out of order (a trial waits a number of turns set by its key), failing after `failAfter` trials. */
function scrambledInvoker(concurrency: number, failAfter = Infinity): TrialInvoker & { calls: number } {
  const self = {
    concurrency,
    calls: 0,
    async run(request: Parameters<TrialInvoker['run']>[0]) {
      if (self.calls >= failAfter) throw new Error('interrupted');
      self.calls++;
      const turns = [...request.key].reduce((s, c) => s + c.charCodeAt(0), 0) % 7;
      for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
      return syntheticTrial(request);
    },
    close: async () => undefined,
  };
  return self;
}

const now = () => performance.now();
/** What a study decided and measured, without its run id and counts. */
const decisions = (r: WalkForwardReport) => ({ folds: r.folds, outOfSample: r.outOfSample, drawdowns: r.drawdowns, psr: r.probabilisticSharpe, inSample: r.inSampleMeanScore });

describe('walk-forward optimisation', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('chooses_in_sample_and_stitches_the_out_of_sample_windows_in_order', async () => {
    const r = await runWalkForward(SPEC, { invoker: scrambledInvoker(1), store: new PgResearchStore(db.pool), now });
    expect(r.folds.map((f) => [f.outOfSample.from, f.outOfSample.to])).toEqual([['2026-10-19', '2026-10-30'], ['2026-11-02', '2026-11-13'], ['2026-11-16', '2026-11-30']]);
    expect(r.outOfSample.sessionReturns).toHaveLength(30);
    for (const f of r.folds) {
      expect(f.chosen).not.toBeNull();
      expect(f.inSampleScore).toBe(f.inSampleMetrics!.sharpe);
      expect(f.overfitting.trials).toBe(9);
      expect(f.overfitting.deflatedSharpe).toBeGreaterThanOrEqual(0);
      expect(f.overfitting.pbo).toBeGreaterThanOrEqual(0);
    }
    expect(r.drawdowns!.percentiles.map((p) => p.percentile)).toEqual([5, 50, 95, 99]);
    expect(r.trialsRun).toBe(3 * 9 + 3 - r.trialsReused);
    const folds = await new PgResearchStore(db.pool).folds(r.runId);
    expect(folds.map((f) => f.chosen)).toEqual(r.folds.map((f) => f.chosen));
  });

  it('decides_the_same_whatever_the_concurrency_and_finishing_order', async () => {
    const one = await runWalkForward({ ...SPEC, seed: 12 }, { invoker: scrambledInvoker(1), store: new PgResearchStore(db.pool), now });
    const db2 = await createTestDb();
    try {
      const many = await runWalkForward({ ...SPEC, seed: 12 }, { invoker: scrambledInvoker(8), store: new PgResearchStore(db2.pool), now });
      expect(decisions(many)).toEqual(decisions(one));
    } finally {
      await db2.drop();
    }
  });

  it('resumes_an_interrupted_study_without_running_stored_trials_again', async () => {
    const spec = { ...SPEC, seed: 13, sampler: 'halving' as const };
    const store = new PgResearchStore(db.pool);
    await expect(runWalkForward(spec, { invoker: scrambledInvoker(2, 10), store, now })).rejects.toThrow('interrupted');
    const again = scrambledInvoker(2);
    const resumed = await runWalkForward(spec, { invoker: again, store, now });
    expect(resumed.resumed).toBe(true);
    const fresh = await createTestDb();
    try {
      const whole = scrambledInvoker(2);
      const uninterrupted = await runWalkForward(spec, { invoker: whole, store: new PgResearchStore(fresh.pool), now });
      expect(decisions(resumed)).toEqual(decisions(uninterrupted));
      expect(again.calls).toBe(whole.calls - 10);
    } finally {
      await fresh.drop();
    }
  });

  it('chooses_nothing_under_the_minimum_of_trades_and_stays_flat_out_of_sample', async () => {
    const r = await runWalkForward({ ...SPEC, seed: 14, minTrades: 31 }, { invoker: scrambledInvoker(2), store: new PgResearchStore(db.pool), now });
    expect(r.folds.every((f) => f.chosen === null)).toBe(true);
    expect(r.outOfSample.trades).toEqual([]);
    expect(r.outOfSample.metrics.totalReturn).toBe(0);
  });
});
