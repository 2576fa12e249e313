import { normalCdf, normalQuantile } from './normal.ts';

/**
 * The deflated Sharpe ratio (Bailey & Lopez de Prado, "The Deflated Sharpe Ratio", 2014): the probability
 * that the true Sharpe ratio of the selected strategy exceeds what the best of `trials` unskilled trials
 * would show by luck, given the length, skewness and kurtosis of its returns. Sharpe ratios here are per
 * period (not annualised), as the paper's formulas take them.
 */

const EULER_GAMMA = 0.5772156649015329;

/** The expected maximum of `trials` Sharpe ratios whose true value is 0 and whose variance across trials is `sharpeVariance` (the paper's SR0). */
export function expectedMaxSharpe(trials: number, sharpeVariance: number): number {
  if (!Number.isInteger(trials) || trials < 1) throw new Error(`trials must be a whole number >= 1 (got ${trials})`);
  if (!(sharpeVariance >= 0)) throw new Error(`sharpeVariance must be >= 0 (got ${sharpeVariance})`);
  if (trials === 1) return 0;
  return Math.sqrt(sharpeVariance) * ((1 - EULER_GAMMA) * normalQuantile(1 - 1 / trials) + EULER_GAMMA * normalQuantile(1 - 1 / (trials * Math.E)));
}

export interface SharpeSample {
  /** Observed per-period Sharpe ratio. */
  sharpe: number;
  /** Number of returns it was measured on. */
  observations: number;
  skewness: number;
  /** Kurtosis (3 for a normal distribution, not the excess). */
  kurtosis: number;
}

/** The probabilistic Sharpe ratio: P(true Sharpe > benchmark) for an observed sample (Bailey & Lopez de Prado 2012). */
export function probabilisticSharpe(sample: SharpeSample, benchmark: number): number {
  const { sharpe, observations, skewness, kurtosis } = sample;
  if (observations < 2) throw new Error(`observations must be >= 2 (got ${observations})`);
  const spread = 1 - skewness * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  // A negative spread means the moments and the Sharpe ratio are inconsistent (tiny samples): no answer is better than a wrong one.
  if (!(spread > 0)) return Number.NaN;
  return normalCdf(((sharpe - benchmark) * Math.sqrt(observations - 1)) / Math.sqrt(spread));
}

/** The deflated Sharpe ratio of the selected sample among `trials` trials whose Sharpe ratios vary by `sharpeVariance`. */
export function deflatedSharpe(sample: SharpeSample, trials: number, sharpeVariance: number): { dsr: number; expectedMaxSharpe: number } {
  const sr0 = expectedMaxSharpe(trials, sharpeVariance);
  return { dsr: probabilisticSharpe(sample, sr0), expectedMaxSharpe: sr0 };
}
