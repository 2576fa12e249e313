import { describe, expect, it } from 'vitest';
import { probabilityOfOverfitting } from './pbo.ts';
import { createRandom } from '../../shared/random.ts';

describe('probability of backtest overfitting (CSCV)', () => {
  it('is_zero_when_one_trial_is_better_in_every_period', () => {
    const rng = createRandom(1);
    const m = Array.from({ length: 16 }, () => {
      const base = rng.normal() * 0.01;
      return [base, base - 0.002 + rng.normal() * 0.001, base + 0.01];
    });
    expect(probabilityOfOverfitting(m, 4)!.pbo).toBe(0);
  });

  it('is_one_when_the_in_sample_winner_is_always_the_out_of_sample_loser', () => {
    // Trial 0 earns in the first half and loses in the second, trial 1 the mirror image; with two blocks
    // each split's in-sample winner is last out of sample: w = 1/3, logit ln(1/2) < 0.
    const m = [[0.02, -0.01], [0.03, -0.02], [-0.01, 0.02], [-0.02, 0.03]];
    const r = probabilityOfOverfitting(m, 2)!;
    expect(r.splits).toBe(2);
    expect(r.pbo).toBe(1);
    for (const l of r.logits) expect(l).toBeCloseTo(Math.log(0.5), 12);
  });

  it('is_about_one_half_for_trials_without_skill', () => {
    // For pure noise the in-sample best ranks anywhere out of sample: with 10 trials it lands at or below
    // the median (rank <= 5 of 10) half the time. One data set's splits are correlated, so average many.
    const rng = createRandom(7);
    const pbos = Array.from({ length: 60 }, () => {
      const m = Array.from({ length: 40 }, () => Array.from({ length: 10 }, () => rng.normal() * 0.01));
      return probabilityOfOverfitting(m, 8)!.pbo;
    });
    const average = pbos.reduce((s, p) => s + p, 0) / pbos.length;
    expect(average).toBeGreaterThan(0.4);
    expect(average).toBeLessThan(0.6);
    expect(probabilityOfOverfitting([[0, 1], [1, 0], [0, 1], [1, 0]], 4)!.splits).toBe(6);
  });

  it('answers_null_without_enough_rows_or_trials_and_names_bad_partitions', () => {
    expect(probabilityOfOverfitting([[1, 2]], 2)).toBeNull();
    expect(probabilityOfOverfitting([[1], [2]], 2)).toBeNull();
    expect(() => probabilityOfOverfitting([[1, 2]], 3)).toThrow(/partitions must be an even whole number >= 2 \(got 3\)/);
  });
});
