import { describe, expect, it } from 'vitest';
import { holmAdjusted, incompleteBeta, studentTwoSidedP, welchTest } from './welch-test.ts';

describe('welch test', () => {
  it('matches_student_t_tables_at_their_critical_values', () => {
    // Two-sided 5 % and 1 % critical values from the standard tables.
    expect(studentTwoSidedP(2.228139, 10)).toBeCloseTo(0.05, 6);
    expect(studentTwoSidedP(12.706205, 1)).toBeCloseTo(0.05, 6);
    expect(studentTwoSidedP(2.845340, 20)).toBeCloseTo(0.01, 6);
    expect(studentTwoSidedP(1.959964, 1e7)).toBeCloseTo(0.05, 5);
    expect(studentTwoSidedP(0, 5)).toBeCloseTo(1, 12);
    expect(incompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 9);
    expect(incompleteBeta(0.3, 2, 3)).toBeCloseTo(1 - (0.7 ** 4 + 4 * 0.3 * 0.7 ** 3), 9);
  });

  it('reproduces_welchs_worked_example', () => {
    // R: t.test(x, y) with x = 1..10 and y = c(7:20): t = -5.4349, df = 21.982, p = 1.855e-05.
    const moments = (xs: number[]) => {
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      return { n: xs.length, mean, sd: Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1)) };
    };
    const x = Array.from({ length: 10 }, (_, i) => i + 1);
    const y = Array.from({ length: 14 }, (_, i) => i + 7);
    const r = welchTest(moments(x), moments(y))!;
    expect(r.difference).toBeCloseTo(5.5 - 13.5, 12);
    expect(r.t).toBeCloseTo(-5.4349, 4);
    expect(r.df).toBeCloseTo(21.982, 3);
    expect(r.p).toBeCloseTo(1.855e-5, 8);
  });

  it('declines_to_test_a_single_event_or_two_samples_without_spread', () => {
    expect(welchTest({ n: 1, mean: 0.01, sd: 0 }, { n: 30, mean: 0, sd: 0.01 })).toBeNull();
    expect(welchTest({ n: 5, mean: 0.01, sd: 0 }, { n: 5, mean: 0, sd: 0 })).toBeNull();
  });

  it('adjusts_p_values_with_holm_keeping_their_order_and_monotone', () => {
    // Holm on (0.01, 0.04, 0.03, 0.005): sorted 0.005*4, 0.01*3, 0.03*2, 0.04*1 -> 0.02, 0.03, 0.06, 0.06.
    expect(holmAdjusted([0.01, 0.04, 0.03, 0.005])).toEqual([0.03, 0.06, 0.06, 0.02].map((x) => expect.closeTo(x, 12)));
    expect(holmAdjusted([0.5, 0.9])).toEqual([1, 1]);
    expect(holmAdjusted([0.2, 0.01])).toEqual([0.2, 0.02]);
    expect(holmAdjusted([])).toEqual([]);
  });
});
