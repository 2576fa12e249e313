import { describe, expect, it } from 'vitest';
import type { Technicals } from '../analyze/technicals.ts';
import { technicalsAtLast } from '../analyze/technicals.ts';
import { toColumns } from '../../strategy/indicators/bar-columns.ts';
import { sharedTechnicals } from './shared-technicals.ts';

const bars = Array.from({ length: 60 }, (_, i) => ({ t: 1_700_000_000_000 + i * 60_000, o: 100 + i * 0.1, h: 100.3 + i * 0.1, l: 99.8 + i * 0.1, c: 100.2 + i * 0.1, v: 1_000 + i }));

/** A computation that counts its calls and answers the technicals of the first `n` bars. */
function counted(n: number): (() => Technicals) & { calls: number } {
  const compute = () => {
    compute.calls++;
    return technicalsAtLast(toColumns(bars.slice(0, n)));
  };
  compute.calls = 0;
  return compute;
}

describe('indicators and regime shared across trials', () => {
  it('computes_a_symbol_once_per_instant_and_answers_later_trials_with_the_same_values', () => {
    const shared = sharedTechnicals();
    const first = counted(60);
    const answer = shared(100, 'AAA', first);
    expect(answer).toEqual(technicalsAtLast(toColumns(bars)));
    expect(answer.indicators.macd).not.toBeNull();
    const again = counted(60);
    expect(shared(100, 'AAA', again)).toBe(answer);
    expect(again.calls).toBe(0);
    // Another instant or another symbol is another question.
    const other = counted(40);
    shared(160, 'AAA', other);
    shared(100, 'BBB', other);
    expect(other.calls).toBe(2);
    expect(shared.size()).toBe(3);
  });

  it('hands_out_frozen_values_so_no_trial_can_change_another_trials_answer', () => {
    const shared = sharedTechnicals();
    const answer = shared(100, 'AAA', counted(60));
    expect(() => Object.assign(answer.indicators, { rsi14: 0 })).toThrow(TypeError);
    expect(() => answer.regime.reasons.push('changed')).toThrow(TypeError);
  });

  it('drops_the_oldest_answers_beyond_its_capacity', () => {
    const shared = sharedTechnicals(2);
    for (const symbol of ['AAA', 'BBB', 'CCC']) shared(100, symbol, counted(60));
    expect(shared.size()).toBe(2);
    const recomputed = counted(60);
    shared(100, 'AAA', recomputed);
    expect(recomputed.calls).toBe(1);
  });
});
