import { describe, expect, it } from 'vitest';
import { addDays } from './calendar/new-york-time.ts';
import { isTradingDay } from './calendar/nyse-calendar.ts';
import { drawdownCurve, performance, performanceBy, significanceWarning, weekOf, type ClosedTrade, type EquityPoint } from './performance.ts';

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

  // Reference: empyrical (quantopian/empyrical @ 40f61b4, empyrical/stats.py). sharpe_ratio = nanmean(r) /
  // nanstd(r, ddof=1) * sqrt(252); sortino_ratio = nanmean(r) * 252 / (sqrt(nanmean(clip(r, -inf, 0) ** 2)) *
  // sqrt(252)); annual_return = cum_return ** (1 / (len(r) / 252)) - 1. The expected values below were computed
  // with numpy from those lines on the session returns of this curve: [0.01, -0.0050495, 0.01502637, -0.00490196, 0.00985222].
  const at = (d: string, hhmm: string, equity: number): EquityPoint => ({ at: Date.parse(`${d}T${hhmm}:00-05:00`), date: d, equity });
  const curve = [
    at('2026-11-20', '09:00', 100_000), // the first point: the first session's return is measured from it
    at('2026-11-20', '16:00', 101_000),
    at('2026-11-21', '12:00', 101_500), // Saturday: no session
    at('2026-11-23', '16:00', 100_490),
    at('2026-11-24', '16:00', 102_000),
    at('2026-11-25', '16:00', 101_500),
    at('2026-11-26', '16:00', 99_000), // Thanksgiving: no session
    at('2026-11-27', '13:00', 102_500),
  ];

  it('sharpe_and_sortino_match_empyrical_on_session_returns_with_the_first_session_and_no_weekend_or_holiday_points', () => {
    const p = performance([], curve);
    expect(p.days).toBe(5);
    expect(p.sharpe).toBeCloseTo(8.483452449485, 9);
    expect(p.sortino).toBeCloseTo(25.145925320573, 9);
    // The old reading (weekend and holiday points as days, the first session dropped) gave 2.004284.
  });

  it('cagr_only_over_a_year_of_sessions_otherwise_the_period_return', () => {
    expect(performance([], curve)).toMatchObject({ cagr: null });
    expect(performance([], curve).totalReturn).toBeCloseTo(0.025, 12);
    const long: EquityPoint[] = [];
    let equity = 100_000;
    let date = '2026-01-02';
    long.push(at(date, '09:00', equity));
    for (let n = 0; n < 300; ) {
      if (isTradingDay(date)) {
        equity *= 1.001;
        long.push(at(date, '16:00', equity));
        n++;
      }
      date = addDays(date, 1);
    }
    // empyrical annual_return over 300 sessions of +0.1 %: 0.286434044376.
    expect(performance([], long).cagr).toBeCloseTo(0.286434044376, 9);
  });

  it('trade_figures_are_net_of_fees_with_the_gross_beside_them', () => {
    const withFees = [
      { ...trade('2026-11-23', 300, 1.5), feesUsd: 10 },
      { ...trade('2026-11-23', 5, 0.05), feesUsd: 8 }, // a gross win, a net loss
      { ...trade('2026-11-24', -100, -1), feesUsd: 2 },
    ];
    const p = performance(withFees, curve);
    expect(p).toMatchObject({ trades: 3, wins: 1, losses: 2, feesUsd: 20, netPnlUsd: 185, grossProfitUsd: 290, grossLossUsd: 105, significant: false });
    expect(p.winRate).toBeCloseTo(1 / 3, 12);
    expect(p.profitFactor).toBeCloseTo(290 / 105, 12);
    expect(p.expectancyUsd).toBeCloseTo(185 / 3, 12);
    // R after fees keeps the risk (pnl / r): 290 / 200, -3 / 100, -102 / 100.
    expect(p.averageR).toBeCloseTo((1.45 - 0.03 - 1.02) / 3, 12);
    expect(p.beforeFees).toMatchObject({ pnlUsd: 205, wins: 2, losses: 1, grossProfitUsd: 305, grossLossUsd: 100 });
    expect(p.beforeFees.profitFactor).toBeCloseTo(3.05, 12);
  });

  it('fewer_than_30_trades_are_flagged_not_statistically_significant', () => {
    expect(significanceWarning(3)).toMatch(/^3 closed trades: not statistically significant \(fewer than 30\)/);
    expect(significanceWarning(29)).not.toBeNull();
    expect(significanceWarning(30)).toBeNull();
    expect(performance(Array.from({ length: 30 }, () => trade('2026-11-23', 1)), []).significant).toBe(true);
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
