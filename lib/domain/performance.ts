import type { EpochMs, IsoDate } from './time.ts';

/** A closed round trip as performance sees it. */
export interface ClosedTrade {
  exitAt: EpochMs;
  exitDate: IsoDate;
  pnlUsd: number;
  rMultiple: number | null;
}

/** One point of the equity curve (USD). */
export interface EquityPoint {
  at: EpochMs;
  date: IsoDate;
  equity: number;
}

export interface Performance {
  trades: number;
  wins: number;
  losses: number;
  winRate: number | null;
  grossProfitUsd: number;
  grossLossUsd: number;
  /** Gross profit over gross loss (null without losses). */
  profitFactor: number | null;
  /** Mean P&L per trade, USD. */
  expectancyUsd: number | null;
  averageR: number | null;
  totalReturn: number | null;
  /** Annualised from daily returns (252 trading days), risk-free rate 0. */
  sharpe: number | null;
  sortino: number | null;
  /** Largest peak-to-trough fall of equity, as a fraction of the peak. */
  maxDrawdown: number;
  cagr: number | null;
  days: number;
}

export interface DrawdownPoint {
  at: EpochMs;
  equity: number;
  peak: number;
  /** (peak - equity) / peak, >= 0. */
  drawdown: number;
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** The running drawdown of an equity curve (points oldest first). */
export function drawdownCurve(points: readonly EquityPoint[]): DrawdownPoint[] {
  let peak = -Infinity;
  return points.map((p) => {
    peak = Math.max(peak, p.equity);
    return { at: p.at, equity: p.equity, peak, drawdown: peak > 0 ? (peak - p.equity) / peak : 0 };
  });
}

/** The last equity of each day, oldest first. */
export function dailyCloses(points: readonly EquityPoint[]): EquityPoint[] {
  const byDay = new Map<IsoDate, EquityPoint>();
  for (const p of points) byDay.set(p.date, p);
  return [...byDay.values()].sort((a, b) => a.at - b.at);
}

/** Trade and equity statistics (pure): win rate, profit factor, expectancy, average R, Sharpe, Sortino, drawdown, CAGR. */
export function performance(trades: readonly ClosedTrade[], equity: readonly EquityPoint[]): Performance {
  const wins = trades.filter((t) => t.pnlUsd > 0);
  const losses = trades.filter((t) => t.pnlUsd < 0);
  const grossProfitUsd = wins.reduce((s, t) => s + t.pnlUsd, 0);
  const grossLossUsd = -losses.reduce((s, t) => s + t.pnlUsd, 0);
  const rs = trades.map((t) => t.rMultiple).filter((r): r is number => r !== null);
  const closes = dailyCloses(equity);
  const returns = closes.slice(1).map((p, i) => p.equity / closes[i]!.equity - 1);
  let sharpe: number | null = null;
  let sortino: number | null = null;
  if (returns.length >= 2) {
    const m = mean(returns);
    const sd = Math.sqrt(returns.reduce((s, r) => s + (r - m) ** 2, 0) / (returns.length - 1));
    const downside = Math.sqrt(returns.reduce((s, r) => s + Math.min(0, r) ** 2, 0) / returns.length);
    sharpe = sd > 0 ? (m / sd) * Math.sqrt(252) : null;
    sortino = downside > 0 ? (m / downside) * Math.sqrt(252) : null;
  }
  const first = equity[0];
  const last = equity.at(-1);
  const totalReturn = first && last && first.equity > 0 ? last.equity / first.equity - 1 : null;
  const years = first && last ? (last.at - first.at) / (365.25 * 86_400_000) : 0;
  const cagr = totalReturn !== null && years >= 1 / 52 ? Math.pow(1 + totalReturn, 1 / years) - 1 : null;
  return {
    trades: trades.length,
    wins: wins.length,
    losses: losses.length,
    winRate: trades.length ? wins.length / trades.length : null,
    grossProfitUsd,
    grossLossUsd,
    profitFactor: grossLossUsd > 0 ? grossProfitUsd / grossLossUsd : null,
    expectancyUsd: trades.length ? (grossProfitUsd - grossLossUsd) / trades.length : null,
    averageR: rs.length ? mean(rs) : null,
    totalReturn,
    sharpe,
    sortino,
    maxDrawdown: drawdownCurve(equity).reduce((m, d) => Math.max(m, d.drawdown), 0),
    cagr,
    days: closes.length,
  };
}

/** The Monday (ISO week start) of a date, for weekly grouping. */
export function weekOf(date: IsoDate): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = Date.UTC(y, m - 1, d);
  const dow = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - dow * 86_400_000).toISOString().slice(0, 10);
}

/** Performance per day or per week. */
export function performanceBy(period: 'day' | 'week', trades: readonly ClosedTrade[], equity: readonly EquityPoint[]): { period: IsoDate; performance: Performance }[] {
  const key = (d: IsoDate) => (period === 'day' ? d : weekOf(d));
  const keys = [...new Set([...trades.map((t) => key(t.exitDate)), ...equity.map((e) => key(e.date))])].sort();
  return keys.map((k) => ({
    period: k,
    performance: performance(trades.filter((t) => key(t.exitDate) === k), equity.filter((e) => key(e.date) === k)),
  }));
}
