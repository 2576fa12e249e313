import type { IsoDate } from '../../domain/time.ts';
import type { Fold } from '../../domain/research/folds.ts';
import { halvingRungs, randomPoints, type ParameterPoint, type ParameterRange } from '../../domain/research/parameter-sampling.ts';
import { objectiveScore, type Objective } from '../../domain/research/objective.ts';
import type { TrialResult } from '../../domain/research/trial.ts';
import type { Random } from '../../shared/random.ts';
import type { TrialScheduler } from './trial-scheduler.ts';

export type SamplerName = 'random' | 'halving';

export interface SearchSettings {
  space: readonly ParameterRange[];
  trials: number;
  sampler: SamplerName;
  /** Successive halving keeps 1/eta of the candidates per rung. */
  eta: number;
  objective: Objective;
  /** Trades a trial needs over a whole in-sample window to be chosen (scaled down on halving's shorter slices). */
  minTrades: number;
}

/** One candidate's in-sample run over the whole window, with its score (null: not eligible). */
export interface ScoredTrial {
  point: ParameterPoint;
  result: TrialResult;
  score: number | null;
}

export interface FoldSearch {
  /** The candidates that ran on the whole in-sample window, best first. */
  finalists: ScoredTrial[];
  /** The best eligible finalist, null when none reached the minimum of trades. */
  best: ScoredTrial | null;
  /** Every candidate sampled (the N of the deflated Sharpe ratio). */
  sampled: number;
}

const windowOf = (sessions: readonly IsoDate[]) => ({ from: sessions[0]!, to: sessions.at(-1)! });

/** Best first; ineligible last; ties keep sampling order, so the choice never depends on which trial finished first. */
function ranked(trials: readonly ScoredTrial[]): ScoredTrial[] {
  return trials
    .map((t, i) => ({ t, i }))
    .sort((a, b) => (b.t.score ?? -Infinity) - (a.t.score ?? -Infinity) || a.i - b.i)
    .map((x) => x.t);
}

/** Searches a fold's in-sample window: random sampling, optionally pruned by successive halving over growing slices of the window. */
export async function searchFold(fold: Fold, settings: SearchSettings, random: Random, scheduler: TrialScheduler): Promise<FoldSearch> {
  const points = randomPoints(settings.space, settings.trials, random);
  const rungs = settings.sampler === 'halving' ? halvingRungs(points.length, fold.inSample.length, settings.eta) : [{ candidates: points.length, sessions: fold.inSample.length }];
  let survivors = points;
  let scored: ScoredTrial[] = [];
  for (const rung of rungs) {
    survivors = survivors.slice(0, rung.candidates);
    // The most recent sessions: the slice nearest the out-of-sample window it must predict.
    const slice = fold.inSample.slice(-rung.sessions);
    const minTrades = Math.ceil((settings.minTrades * slice.length) / fold.inSample.length);
    const results = await Promise.all(survivors.map((p) => scheduler.trial(p, windowOf(slice))));
    scored = ranked(survivors.map((point, i) => ({ point, result: results[i]!, score: objectiveScore(settings.objective, results[i]!.metrics, minTrades) })));
    survivors = scored.map((s) => s.point);
  }
  const best = scored[0] && scored[0].score !== null ? scored[0] : null;
  return { finalists: scored, best, sampled: points.length };
}
