import { deflatedSharpe, probabilisticSharpe } from '../../domain/research/deflated-sharpe.ts';
import { probabilityOfOverfitting } from '../../domain/research/pbo.ts';
import { drawdownDistribution, type DrawdownDistribution } from '../../domain/research/drawdown-monte-carlo.ts';
import { periodSharpe, sampleVariance, shapeOf } from '../../domain/research/moments.ts';
import type { TrialResult } from '../../domain/research/trial.ts';
import type { Random } from '../../shared/random.ts';
import type { FoldSearch } from './search-fold.ts';

/** Overfitting figures of one fold's search. */
export interface FoldOverfitting {
  /** Deflated Sharpe ratio of the in-sample winner among `trials` (null: too few sessions or a flat curve). */
  deflatedSharpe: number | null;
  /** The per-session Sharpe ratio the best of `trials` lucky trials would show (SR0). */
  expectedMaxSharpe: number | null;
  trials: number;
  /** Probability of backtest overfitting (CSCV over the finalists' in-sample sessions); null under 2 sessions or 2 finalists. */
  pbo: number | null;
  pboSplits: number;
}

const sharpeSample = (returns: readonly number[]) => {
  const sharpe = periodSharpe(returns);
  return sharpe === null ? null : { sharpe, observations: returns.length, ...shapeOf(returns) };
};

/** The largest even number of CSCV blocks, at most 16 (the paper's choice), that the sessions allow. */
function partitionsFor(sessions: number): number {
  const s = Math.min(16, sessions);
  return s - (s % 2);
}

/** DSR and PBO of one fold's search (pure). */
export function foldOverfitting(search: FoldSearch): FoldOverfitting {
  const sample = search.best ? sharpeSample(search.best.result.sessionReturns) : null;
  const sharpes = search.finalists.map((f) => periodSharpe(f.result.sessionReturns)).filter((s): s is number => s !== null);
  const deflated = sample ? deflatedSharpe(sample, search.sampled, sampleVariance(sharpes)) : null;
  const sessions = search.finalists[0]?.result.sessionReturns.length ?? 0;
  const partitions = partitionsFor(sessions);
  const matrix = Array.from({ length: sessions }, (_, row) => search.finalists.map((f) => f.result.sessionReturns[row] ?? 0));
  const pbo = partitions >= 2 ? probabilityOfOverfitting(matrix, partitions) : null;
  return {
    deflatedSharpe: deflated && Number.isFinite(deflated.dsr) ? deflated.dsr : null,
    expectedMaxSharpe: deflated?.expectedMaxSharpe ?? null,
    trials: search.sampled,
    pbo: pbo?.pbo ?? null,
    pboSplits: pbo?.splits ?? 0,
  };
}

/** Figures of the stitched out-of-sample result that need no search: P(true Sharpe > 0) and the reshuffled drawdowns. */
export function outOfSampleStatistics(stitched: TrialResult, random: Random, samples: number): { probabilisticSharpe: number | null; drawdowns: DrawdownDistribution | null } {
  const sample = sharpeSample(stitched.sessionReturns);
  const psr = sample ? probabilisticSharpe(sample, 0) : null;
  const pnls = stitched.trades.map((t) => t.netPnlUsd);
  return {
    probabilisticSharpe: psr !== null && Number.isFinite(psr) ? psr : null,
    drawdowns: pnls.length && stitched.startEquityUsd > 0 ? drawdownDistribution(pnls, stitched.startEquityUsd, random, { samples }) : null,
  };
}
