import { createHash } from 'node:crypto';
import type { IsoDate } from '../../domain/time.ts';
import { walkForwardFolds, type FoldPlan } from '../../domain/research/folds.ts';
import { objectiveScore } from '../../domain/research/objective.ts';
import type { ParameterPoint } from '../../domain/research/parameter-sampling.ts';
import { stitchResults, trialMetrics, type TrialMetrics, type TrialResult } from '../../domain/research/trial.ts';
import type { DrawdownDistribution } from '../../domain/research/drawdown-monte-carlo.ts';
import { createRandom } from '../../shared/random.ts';
import type { TrialInvoker } from '../../ports/trial-invoker.port.ts';
import type { ResearchStore } from '../../ports/research-store.port.ts';
import { searchFold, type SearchSettings } from './search-fold.ts';
import { trialScheduler, trialKey, type TrialProgress } from './trial-scheduler.ts';
import { foldOverfitting, outOfSampleStatistics, type FoldOverfitting } from './study-statistics.ts';

export interface WalkForwardSpec extends SearchSettings {
  /** The trading sessions of the study, oldest first. */
  sessions: IsoDate[];
  plan: FoldPlan;
  seed: number;
  /** Reshuffles of the out-of-sample trades for the drawdown distribution. */
  monteCarloSamples: number;
  /** Whatever else decides the trials' results (history source, symbols, fixed settings): part of the run's identity. */
  context: Record<string, unknown>;
}

export interface FoldReport {
  index: number;
  inSample: { from: IsoDate; to: IsoDate; sessions: number };
  outOfSample: { from: IsoDate; to: IsoDate; sessions: number };
  chosen: ParameterPoint | null;
  inSampleMetrics: TrialMetrics | null;
  inSampleScore: number | null;
  outOfSampleMetrics: TrialMetrics;
  outOfSampleScore: number | null;
  overfitting: FoldOverfitting;
}

export interface WalkForwardReport {
  runId: number;
  resumed: boolean;
  folds: FoldReport[];
  /** The headline: every fold's out-of-sample window with its chosen settings, end to end. */
  outOfSample: TrialResult;
  outOfSampleScore: number | null;
  /** Beside it: the chosen settings' in-sample figures, the mean over folds. */
  inSampleMeanScore: number | null;
  probabilisticSharpe: number | null;
  drawdowns: DrawdownDistribution | null;
  trialsRun: number;
  trialsReused: number;
}

const windowOf = (sessions: readonly IsoDate[]) => ({ from: sessions[0]!, to: sessions.at(-1)! });

/** The identity of a study: everything that decides its trials and choices, hashed. */
export function studyKey(spec: WalkForwardSpec): string {
  const { sessions, ...rest } = spec;
  return createHash('sha256').update(JSON.stringify({ ...rest, from: sessions[0], to: sessions.at(-1), sessions: sessions.length })).digest('hex');
}

/**
 * Walk-forward optimisation: for each fold, search the in-sample window (see searchFold), run the best
 * settings on the following out-of-sample window, and join the out-of-sample windows into the headline
 * result. Folds are searched concurrently (their trials share the invoker's slots); every choice depends only
 * on the trials' results and the seed, so the report is the same whatever the number of workers. Trials are
 * stored as they end: the same specification run again resumes, reusing them.
 */
export async function runWalkForward(spec: WalkForwardSpec, deps: { invoker: TrialInvoker; store: ResearchStore; now: () => number; onTrial?: (p: TrialProgress) => void }): Promise<WalkForwardReport> {
  const folds = walkForwardFolds(spec.sessions, spec.plan);
  const { sessions: _sessions, ...described } = spec;
  const { runId, resumed } = await deps.store.openRun(studyKey(spec), { ...described, from: spec.sessions[0], to: spec.sessions.at(-1) });
  const scheduler = trialScheduler({ invoker: deps.invoker, store: deps.store, runId, stored: await deps.store.storedTrials(runId), now: deps.now, ...(deps.onTrial ? { onTrial: deps.onTrial } : {}) });
  const random = createRandom(spec.seed);
  const reports = await Promise.all(
    folds.map(async (fold): Promise<{ report: FoldReport; oos: TrialResult }> => {
      const search = await searchFold(fold, spec, random.fork(`fold-${fold.index}`), scheduler);
      const oosWindow = windowOf(fold.outOfSample);
      const oos = search.best ? await scheduler.trial(search.best.point, oosWindow) : flat(fold.outOfSample.length, search.finalists[0]?.result.startEquityUsd ?? 0);
      const outOfSampleScore = search.best ? objectiveScore(spec.objective, oos.metrics, 0) : null;
      await deps.store.saveFold(runId, {
        index: fold.index,
        inSample: windowOf(fold.inSample),
        outOfSample: oosWindow,
        chosen: search.best?.point ?? null,
        inSampleTrialKey: search.best ? trialKey(search.best.point, windowOf(fold.inSample)) : null,
        outOfSampleTrialKey: search.best ? trialKey(search.best.point, oosWindow) : null,
        inSampleScore: search.best?.score ?? null,
        outOfSampleScore,
      });
      const report: FoldReport = {
        index: fold.index,
        inSample: { ...windowOf(fold.inSample), sessions: fold.inSample.length },
        outOfSample: { ...oosWindow, sessions: fold.outOfSample.length },
        chosen: search.best?.point ?? null,
        inSampleMetrics: search.best?.result.metrics ?? null,
        inSampleScore: search.best?.score ?? null,
        outOfSampleMetrics: oos.metrics,
        outOfSampleScore,
        overfitting: foldOverfitting(search),
      };
      return { report, oos };
    }),
  ).catch(async (e: unknown) => {
    await scheduler.stop();
    throw e;
  });
  const outOfSample = stitchResults(reports.map((r) => r.oos));
  const scores = reports.map((r) => r.report.inSampleScore).filter((s): s is number => s !== null);
  const { probabilisticSharpe, drawdowns } = outOfSampleStatistics(outOfSample, random.fork('monte-carlo'), spec.monteCarloSamples);
  const counts = scheduler.counts();
  const report: WalkForwardReport = {
    runId,
    resumed,
    folds: reports.map((r) => r.report),
    outOfSample,
    outOfSampleScore: objectiveScore(spec.objective, outOfSample.metrics, 0),
    inSampleMeanScore: scores.length ? scores.reduce((s, x) => s + x, 0) / scores.length : null,
    probabilisticSharpe,
    drawdowns,
    trialsRun: counts.run,
    trialsReused: counts.reused,
  };
  const { trialsRun: _r, trialsReused: _u, ...summary } = report;
  await deps.store.finishRun(runId, summary);
  return report;
}

/** A fold where nothing was chosen stays in cash: no trades, flat sessions. */
function flat(sessions: number, startEquityUsd: number): TrialResult {
  const sessionReturns = Array.from({ length: sessions }, () => 0);
  return { sessionReturns, trades: [], startEquityUsd, metrics: trialMetrics(sessionReturns, []), digest: 'flat' };
}
