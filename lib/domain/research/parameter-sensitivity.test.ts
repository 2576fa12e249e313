import { describe, expect, it } from 'vitest';
import { parameterSensitivity, type SensitivityTrial } from './parameter-sensitivity.ts';
import { trialMetrics } from './trial.ts';

const window = { from: '2026-11-16', to: '2026-11-18' };
const trial = (point: Record<string, number>, pnls: number[], w = window): SensitivityTrial => {
  const trades = pnls.map((netPnlUsd) => ({ exitDate: w.to, netPnlUsd }));
  return { point, window: w, metrics: trialMetrics(pnls.map((p) => p / 100_000), trades) };
};

describe('parameter sensitivity', () => {
  it('averages_the_objective_per_value_of_each_setting_over_whole_in_sample_trials', () => {
    const trials = [
      trial({ threshold: 0.5, stopAtr: 1 }, [100, 50]),
      trial({ threshold: 0.5, stopAtr: 2 }, [-40]),
      trial({ threshold: 0.7, stopAtr: 1 }, [300]),
      // A halving slice and an out-of-sample run: other windows, left out.
      trial({ threshold: 0.7, stopAtr: 2 }, [9_999], { from: '2026-11-18', to: '2026-11-18' }),
    ];
    const s = parameterSensitivity(trials, 'net_pnl', [window]);
    expect(s.map((p) => p.name)).toEqual(['stopAtr', 'threshold']);
    expect(s[1]!.values).toEqual([
      { value: 0.5, trials: 2, scored: 2, meanScore: 55, bestScore: 150 },
      { value: 0.7, trials: 1, scored: 1, meanScore: 300, bestScore: 300 },
    ]);
    expect(s[0]!.values).toEqual([
      { value: 1, trials: 2, scored: 2, meanScore: 225, bestScore: 300 },
      { value: 2, trials: 1, scored: 1, meanScore: -40, bestScore: -40 },
    ]);
  });

  it('counts_a_trial_whose_objective_is_undefined_without_averaging_it', () => {
    // No losing trade: the profit factor is undefined.
    const s = parameterSensitivity([trial({ threshold: 0.5 }, [100]), trial({ threshold: 0.5 }, [100, -50])], 'profit_factor', [window]);
    expect(s[0]!.values).toEqual([{ value: 0.5, trials: 2, scored: 1, meanScore: 2, bestScore: 2 }]);
  });
});
