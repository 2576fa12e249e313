import { describe, expect, it } from 'vitest';
import { drawdownDistribution } from './drawdown-monte-carlo.ts';
import { createRandom } from '../../shared/random.ts';

describe('Monte Carlo drawdown', () => {
  it('gives_both_orders_of_two_trades_their_drawdowns', () => {
    // +$10 then -$5: peak 110, drawdown 5/110; -$5 first: drawdown 5/100. Each order about half the time.
    const d = drawdownDistribution([10, -5], 100, createRandom(1), { samples: 2000, percentiles: [5, 95] });
    expect(d.observed).toBeCloseTo(5 / 110, 12);
    expect(d.percentiles[0]!.maxDrawdown).toBeCloseTo(5 / 110, 12);
    expect(d.percentiles[1]!.maxDrawdown).toBeCloseTo(0.05, 12);
  });

  it('finds_no_drawdown_in_winning_trades_in_any_order', () => {
    const d = drawdownDistribution([1, 2, 3, 4], 1000, createRandom(2), { samples: 50 });
    expect(d.percentiles.every((p) => p.maxDrawdown === 0)).toBe(true);
  });

  it('is_the_same_for_the_same_seed_and_grows_with_the_percentile', () => {
    const pnls = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? -120 : 70));
    const a = drawdownDistribution(pnls, 10_000, createRandom(5));
    expect(drawdownDistribution(pnls, 10_000, createRandom(5))).toEqual(a);
    const values = a.percentiles.map((p) => p.maxDrawdown);
    expect([...values].sort((x, y) => x - y)).toEqual(values);
    expect(values[0]!).toBeGreaterThan(0);
  });

  it('names_a_bad_account_size', () => {
    expect(() => drawdownDistribution([1], 0, createRandom(1))).toThrow(/startEquityUsd must be > 0 \(got 0\)/);
  });
});
