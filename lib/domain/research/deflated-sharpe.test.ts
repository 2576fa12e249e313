import { describe, expect, it } from 'vitest';
import { deflatedSharpe, expectedMaxSharpe, probabilisticSharpe } from './deflated-sharpe.ts';
import { percentile, shapeOf } from './moments.ts';

describe('deflated Sharpe ratio', () => {
  // Bailey & Lopez de Prado (2014), section "A numerical example": an annualised Sharpe of 2.5 over five years
  // of daily returns (T = 1250), skewness -3, kurtosis 10, after N = 100 trials whose annualised Sharpe
  // ratios vary by 0.5. The paper finds SR0 = 0.1132 (daily) and DSR = 0.9004.
  it('reproduces_the_papers_numerical_example', () => {
    const sr0 = expectedMaxSharpe(100, 0.5 / 250);
    expect(sr0).toBeCloseTo(0.1132, 4);
    const { dsr } = deflatedSharpe({ sharpe: 2.5 / Math.sqrt(250), observations: 1250, skewness: -3, kurtosis: 10 }, 100, 0.5 / 250);
    expect(dsr).toBeCloseTo(0.9004, 3);
  });

  it('is_the_probabilistic_sharpe_against_zero_for_a_single_trial', () => {
    const sample = { sharpe: 0.1, observations: 101, skewness: 0, kurtosis: 3 };
    // Normal returns: PSR(0) = Phi(0.1 * 10 / sqrt(1 + 0.5 * 0.01)).
    expect(deflatedSharpe(sample, 1, 0.01).dsr).toBeCloseTo(0.8406, 3);
    expect(probabilisticSharpe(sample, 0)).toBeCloseTo(0.8406, 3);
  });

  it('falls_as_the_number_of_trials_grows', () => {
    const sample = { sharpe: 0.15, observations: 250, skewness: 0, kurtosis: 3 };
    const dsrs = [1, 10, 100, 1000].map((n) => deflatedSharpe(sample, n, 0.002).dsr);
    expect([...dsrs].sort((a, b) => b - a)).toEqual(dsrs);
    expect(dsrs[0]!).toBeGreaterThan(0.99);
    expect(dsrs[3]!).toBeLessThan(0.6);
  });

  it('names_a_bad_trial_count', () => {
    expect(() => expectedMaxSharpe(0, 1)).toThrow(/trials must be a whole number >= 1 \(got 0\)/);
  });
});

describe('sample statistics', () => {
  it('interpolates_percentiles_like_numpy', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1, 12);
    expect(percentile([7], 5)).toBe(7);
  });

  it('measures_skewness_and_kurtosis_of_a_known_sample', () => {
    // By hand (scipy.stats.skew and kurtosis(fisher=False) agree): mean 4, deviations -3 -2 -1 6,
    // m2 = 12.5, m3 = 45, m4 = 348.5; skewness = 45 / 12.5^1.5, kurtosis = 348.5 / 12.5^2.
    const { skewness, kurtosis } = shapeOf([1, 2, 3, 10]);
    expect(skewness).toBeCloseTo(1.01823, 4);
    expect(kurtosis).toBeCloseTo(2.2304, 4);
  });
});
