import { describe, expect, it } from 'vitest';
import { createRandom } from '../../shared/random.ts';
import { quantile, summarise } from './sample-stats.ts';

describe('summarise', () => {
  it('computes_mean_median_sd_t_and_hit_rate_by_their_textbook_definitions', () => {
    const s = summarise([0.01, -0.02, 0.03, 0.04], createRandom(1));
    expect(s.n).toBe(4);
    expect(s.mean).toBeCloseTo(0.015, 12);
    expect(s.median).toBeCloseTo(0.02, 12);
    const sd = Math.sqrt(((0.01 - 0.015) ** 2 + (-0.02 - 0.015) ** 2 + (0.03 - 0.015) ** 2 + (0.04 - 0.015) ** 2) / 3);
    expect(s.sd).toBeCloseTo(sd, 12);
    expect(s.t).toBeCloseTo(0.015 / (sd / 2), 10);
    expect(s.hitRate).toBe(0.75);
  });

  it('gives_the_same_bootstrap_interval_for_the_same_seed_and_brackets_the_mean', () => {
    const values = Array.from({ length: 50 }, (_, i) => Math.sin(i) / 100);
    const a = summarise(values, createRandom(7));
    const b = summarise(values, createRandom(7));
    expect(a.ci).toEqual(b.ci);
    expect(a.ci![0]).toBeLessThan(a.mean!);
    expect(a.ci![1]).toBeGreaterThan(a.mean!);
  });

  it('says_nothing_it_cannot_know_on_tiny_samples', () => {
    expect(summarise([], createRandom(1))).toMatchObject({ n: 0, mean: null, t: null, ci: null });
    expect(summarise([0.01], createRandom(1))).toMatchObject({ n: 1, mean: 0.01, sd: null, t: null, ci: null });
    expect(summarise([0.01, 0.01], createRandom(1)).t).toBeNull();
  });

  it('interpolates_quantiles_like_numpy', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
  });
});
