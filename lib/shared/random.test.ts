import { describe, expect, it } from 'vitest';
import { createRandom } from './random.ts';

describe('createRandom', () => {
  it('replays_the_same_sequence_for_the_same_seed', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(createRandom(8).next()).not.toBe(xs[0]);
  });

  it('draws_uniform_values_in_range_with_a_plausible_mean', () => {
    const r = createRandom(1);
    const xs = Array.from({ length: 20_000 }, () => r.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
    const n = Array.from({ length: 20_000 }, () => r.normal());
    const mean = n.reduce((s, x) => s + x, 0) / n.length;
    const sd = Math.sqrt(n.reduce((s, x) => s + (x - mean) ** 2, 0) / n.length);
    expect(mean).toBeCloseTo(0, 1);
    expect(sd).toBeCloseTo(1, 1);
  });

  it('skipping_normals_leaves_the_stream_where_drawing_them_would_odd_and_even_runs_and_a_pending_spare', () => {
    for (const [before, skipped] of [[0, 0], [0, 1], [0, 2], [0, 331], [1, 1], [1, 2], [3, 240], [2, 389]] as const) {
      const drawn = createRandom(42);
      const skipping = createRandom(42);
      for (let i = 0; i < before; i++) expect(skipping.normal()).toBe(drawn.normal());
      for (let i = 0; i < skipped; i++) drawn.normal();
      skipping.skipNormals(skipped);
      // The spare (if any) first, then the uniform stream itself.
      expect([skipping.normal(), skipping.normal(), skipping.next()]).toEqual([drawn.normal(), drawn.normal(), drawn.next()]);
    }
  });

  it('forks_independent_stable_streams_by_label', () => {
    const r = createRandom(3);
    const f1 = r.fork('AAPL').next();
    expect(r.fork('AAPL').next()).toBe(f1);
    expect(r.fork('MSFT').next()).not.toBe(f1);
    const ints = Array.from({ length: 1000 }, () => r.int(1, 6));
    expect(new Set(ints)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
  });
});
