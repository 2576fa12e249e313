import { describe, expect, it } from 'vitest';
import { stitchResults, trialMetrics, type TrialResult } from './trial.ts';
import { objectiveScore, parseObjective } from './objective.ts';

const trades = (pnls: number[]) => pnls.map((netPnlUsd) => ({ exitDate: '2026-01-02', netPnlUsd }));
const result = (sessionReturns: number[], pnls: number[], date: string): TrialResult => {
  const trades = pnls.map((netPnlUsd) => ({ exitDate: date, netPnlUsd }));
  return { sessionReturns, trades, startEquityUsd: 100_000, metrics: trialMetrics(sessionReturns, trades), digest: date };
};

describe('trial figures', () => {
  it('measures_a_window_from_its_session_returns_and_trades', () => {
    const m = trialMetrics([0.01, -0.02, 0.015], trades([300, -100, -100]));
    expect(m.trades).toBe(3);
    expect(m.netPnlUsd).toBe(100);
    expect(m.profitFactor).toBe(1.5);
    expect(m.winRate).toBeCloseTo(1 / 3, 12);
    expect(m.totalReturn).toBeCloseTo(1.01 * 0.98 * 1.015 - 1, 12);
    expect(m.maxDrawdown).toBeCloseTo(0.02, 12);
  });

  it('stitches_out_of_sample_windows_end_to_end', () => {
    const s = stitchResults([result([0.01, 0.01], [50], '2026-01-02'), result([-0.01], [-40], '2026-01-05')]);
    expect(s.sessionReturns).toEqual([0.01, 0.01, -0.01]);
    expect(s.metrics.netPnlUsd).toBe(10);
    expect(s.metrics.totalReturn).toBeCloseTo(1.01 * 1.01 * 0.99 - 1, 12);
    expect(s.digest).toBe('2026-01-02+2026-01-05');
  });

  it('refuses_to_choose_a_trial_under_the_minimum_trades_or_without_the_figure', () => {
    const m = trialMetrics([0.01, 0.02], trades([10, 20]));
    expect(objectiveScore('net_pnl', m, 2)).toBe(30);
    expect(objectiveScore('net_pnl', m, 3)).toBeNull();
    expect(objectiveScore('profit_factor', m, 0)).toBeNull();
    expect(() => parseObjective('alpha')).toThrow(/--objective must be one of sharpe, sortino, net_pnl/);
  });
});
