import { describe, expect, it } from 'vitest';
import { drawdownCurve, performance, performanceBy, weekOf, type ClosedTrade, type EquityPoint } from './performance.ts';

const day = (d: string, equity: number): EquityPoint => ({ at: Date.parse(`${d}T21:00:00Z`), date: d, equity });
const trade = (d: string, pnlUsd: number, rMultiple: number | null = null): ClosedTrade => ({ exitAt: Date.parse(`${d}T20:00:00Z`), exitDate: d, pnlUsd, rMultiple });

describe('performance', () => {
  const trades = [trade('2026-11-23', 300, 1.5), trade('2026-11-23', -100, -1), trade('2026-11-24', 200, 1), trade('2026-11-25', -100, -0.5)];
  const equity = [day('2026-11-20', 100_000), day('2026-11-23', 100_200), day('2026-11-24', 100_400), day('2026-11-25', 100_300)];

  it('computes_trade_statistics', () => {
    const p = performance(trades, equity);
    expect(p).toMatchObject({ trades: 4, wins: 2, losses: 2, winRate: 0.5, grossProfitUsd: 500, grossLossUsd: 200, profitFactor: 2.5, expectancyUsd: 75, averageR: 0.25 });
    expect(p.totalReturn).toBeCloseTo(0.003);
    expect(p.maxDrawdown).toBeCloseTo(100 / 100_400);
    expect(p.sharpe).toBeGreaterThan(0);
    expect(p.days).toBe(4);
  });

  it('computes_sharpe_and_sortino_from_daily_returns', () => {
    const p = performance([], [day('2026-11-20', 100), day('2026-11-23', 101), day('2026-11-24', 100), day('2026-11-25', 102)]);
    const r = [0.01, 100 / 101 - 1, 0.02];
    const m = (r[0]! + r[1]! + r[2]!) / 3;
    const sd = Math.sqrt(r.reduce((s, x) => s + (x - m) ** 2, 0) / 2);
    expect(p.sharpe).toBeCloseTo((m / sd) * Math.sqrt(252), 6);
    expect(p.sortino).toBeCloseTo((m / Math.sqrt(r[1]! ** 2 / 3)) * Math.sqrt(252), 6);
  });

  it('has_no_ratios_without_data', () => {
    expect(performance([], [])).toMatchObject({ trades: 0, winRate: null, profitFactor: null, sharpe: null, cagr: null, maxDrawdown: 0 });
  });

  it('tracks_the_running_drawdown', () => {
    expect(drawdownCurve([day('2026-11-20', 100), day('2026-11-23', 120), day('2026-11-24', 90), day('2026-11-25', 130)]).map((d) => d.drawdown)).toEqual([0, 0, 0.25, 0]);
  });

  it('groups_by_day_and_week', () => {
    expect(weekOf('2026-11-25')).toBe('2026-11-23');
    expect(weekOf('2026-11-23')).toBe('2026-11-23');
    const byDay = performanceBy('day', trades, equity);
    expect(byDay.map((d) => [d.period, d.performance.trades])).toEqual([
      ['2026-11-20', 0],
      ['2026-11-23', 2],
      ['2026-11-24', 1],
      ['2026-11-25', 1],
    ]);
    expect(performanceBy('week', trades, equity).map((w) => [w.period, w.performance.trades])).toEqual([
      ['2026-11-16', 0],
      ['2026-11-23', 4],
    ]);
  });
});
