import { describe, expect, it } from 'vitest';
import { gridOf, halvingRungs, pointKey, randomPoints, type ParameterRange } from './parameter-sampling.ts';
import { createRandom } from '../../shared/random.ts';

const SPACE: ParameterRange[] = [
  { name: 'RISK_PER_TRADE_PCT', min: 0.25, max: 1, step: 0.25 },
  { name: 'MAX_OPEN_POSITIONS', min: 1, max: 5, step: 1 },
];

describe('parameter sampling', () => {
  it('draws_only_grid_values_and_the_same_points_for_the_same_seed', () => {
    const a = randomPoints(SPACE, 8, createRandom(3));
    expect(randomPoints(SPACE, 8, createRandom(3))).toEqual(a);
    expect(randomPoints(SPACE, 8, createRandom(4))).not.toEqual(a);
    for (const p of a) {
      expect([0.25, 0.5, 0.75, 1]).toContain(p.RISK_PER_TRADE_PCT);
      expect([1, 2, 3, 4, 5]).toContain(p.MAX_OPEN_POSITIONS);
    }
  });

  it('draws_distinct_points_until_the_grid_is_exhausted', () => {
    const all = randomPoints(SPACE, 20, createRandom(9));
    expect(new Set(all.map(pointKey)).size).toBe(20);
    expect(randomPoints(SPACE, 25, createRandom(9))).toHaveLength(25);
  });

  it('keys_points_independently_of_property_order', () => {
    expect(pointKey({ b: 1, a: 2 })).toBe(pointKey({ a: 2, b: 1 }));
  });

  it('lists_a_grid_without_float_drift_and_names_a_bad_range', () => {
    expect(gridOf({ name: 'x', min: 0.1, max: 0.3, step: 0.1 })).toEqual([0.1, 0.2, 0.3]);
    expect(() => gridOf({ name: 'x', min: 1, max: 0, step: 1 })).toThrow(/parameter x: needs step > 0 and max >= min/);
  });

  it('halves_candidates_while_the_slices_grow_to_the_whole_window', () => {
    expect(halvingRungs(27, 27, 3)).toEqual([
      { candidates: 27, sessions: 3 },
      { candidates: 9, sessions: 9 },
      { candidates: 3, sessions: 27 },
    ]);
    // A short window allows fewer rungs: the last one is always the whole window.
    expect(halvingRungs(50, 20, 3)).toEqual([
      { candidates: 50, sessions: 3 },
      { candidates: 16, sessions: 7 },
      { candidates: 5, sessions: 20 },
    ]);
    expect(halvingRungs(3, 1, 3)).toEqual([{ candidates: 3, sessions: 1 }]);
  });
});
