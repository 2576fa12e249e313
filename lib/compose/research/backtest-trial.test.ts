import { describe, expect, it } from 'vitest';
import { createTrialRunner, trialResultOf } from './backtest-trial.ts';
import { defaultPoint, PARAMETER_SPACE } from '../../config/parameter-space.ts';
import { randomPoints } from '../../domain/research/parameter-sampling.ts';
import { createRandom } from '../../shared/random.ts';
import type { BacktestDay, BacktestResult } from '../backtest/run-backtest.ts';

const day = (date: string, equity: number | null): BacktestDay => ({ date, ticks: 1, failedTicks: 0, bars: 0, ordersPlaced: 0, tradesClosed: 0, pnlUsd: 0, equity, wallMs: 0 });

describe('a backtest as a trial result', () => {
  it('measures_session_returns_from_end_of_day_equity_and_nets_the_fees', () => {
    const result = {
      days: [day('2026-11-16', 101_000), day('2026-11-17', null), day('2026-11-18', 99_990)],
      trades: [
        { exitAt: 2, exitDate: '2026-11-18', pnlUsd: -1000, rMultiple: -1, feesUsd: 10 },
        { exitAt: 1, exitDate: '2026-11-16', pnlUsd: 1000, rMultiple: 2, feesUsd: 0 },
      ],
      digest: 'abc',
    } as unknown as BacktestResult;
    const t = trialResultOf(result, 100_000);
    // A session without an equity reading is flat: the next one is measured from the last reading.
    expect(t.sessionReturns[0]).toBeCloseTo(0.01, 12);
    expect(t.sessionReturns[1]).toBe(0);
    expect(t.sessionReturns[2]).toBeCloseTo(99_990 / 101_000 - 1, 12);
    expect(t.trades).toEqual([{ exitDate: '2026-11-16', netPnlUsd: 1000 }, { exitDate: '2026-11-18', netPnlUsd: -1010 }]);
    expect(t.metrics.netPnlUsd).toBe(-10);
    expect(t.digest).toBe('abc');
  });
});

describe('a backtest trial in memory', () => {
  const window = { from: '2026-11-16', to: '2026-11-16' };
  const options = { history: { kind: 'synthetic' as const, seed: 4, symbols: 3, newsRate: 4 }, env: { LOG_LEVEL: 'error' }, from: window.from, to: window.to };

  it('runs_the_same_point_twice_to_the_same_decisions_without_a_database', async () => {
    const runner = await createTrialRunner(options);
    const point = defaultPoint();
    const [a, b] = [await runner.run({ key: 'a', point, window }), await runner.run({ key: 'b', point, window })];
    expect(a.sessionReturns).toHaveLength(1);
    expect(b.digest).toBe(a.digest);
    expect(b.metrics).toEqual(a.metrics);
  }, 120_000);

  it('refuses_a_point_off_the_declared_space_naming_the_parameter', async () => {
    const runner = await createTrialRunner(options);
    await expect(runner.run({ key: 'x', point: { ...defaultPoint(), minScore: 0.99 }, window })).rejects.toThrow(/minScore/);
  }, 60_000);
});

describe('trials sharing the per-window work no tuned parameter reads', () => {
  it('decide_exactly_as_trials_that_each_analyse_the_news_detect_the_patterns_compute_the_indicators_and_read_the_scan_inputs_themselves', async () => {
    const window = { from: '2026-11-16', to: '2026-11-17' };
    const base = { history: { kind: 'synthetic' as const, seed: 4, symbols: 20, newsRate: 8 }, env: { LOG_LEVEL: 'error' }, from: window.from, to: window.to };
    const points = [defaultPoint(), ...randomPoints(PARAMETER_SPACE, 2, createRandom(3))];
    const run = async (share: boolean) => {
      const runner = await createTrialRunner({ ...base, shareNewsAnalysis: share, shareDetections: share, shareTechnicals: share, shareScanInputs: share });
      const out = [];
      // The same point twice: the second run of a point reads every analysis from the shared cache.
      for (const [i, point] of [...points, points[0]!].entries()) out.push(await runner.run({ key: `p${i}`, point, window }));
      // A window starting a session later has collected less news by the same instant: it must not read the first window's scan inputs.
      out.push(await runner.run({ key: 'later', point: points[1]!, window: { from: window.to, to: window.to } }));
      return out;
    };
    const unshared = await run(false);
    const shared = await run(true);
    expect(shared).toEqual(unshared);
    expect(shared[3]).toEqual(shared[0]);
    expect(new Set(unshared.map((r) => r.digest)).size).toBeGreaterThan(1);
    expect(unshared[0]!.trades.length).toBeGreaterThan(0);
  }, 300_000);
});
