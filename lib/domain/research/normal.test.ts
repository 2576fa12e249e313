import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from './normal.ts';

describe('standard normal', () => {
  it('matches_tabulated_cdf_values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655254, 6);
    expect(normalCdf(3)).toBeCloseTo(0.998650102, 6);
  });

  it('matches_tabulated_quantiles_and_inverts_the_cdf', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 9);
    expect(normalQuantile(0.99)).toBeCloseTo(2.326347874, 9);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902, 8);
    for (const x of [-4, -1.5, -0.2, 0.7, 2.5]) expect(normalQuantile(normalCdf(x))).toBeCloseTo(x, 5);
  });

  it('refuses_a_probability_outside_0_1', () => {
    expect(() => normalQuantile(1.2)).toThrow(/p must be a probability in \[0, 1\] \(got 1.2\)/);
  });
});
