import type { EpochMs, IsoDate } from './time.ts';
import { isTradingDay } from './calendar/nyse-calendar.ts';

/** A closed round trip as performance sees it. */
export interface ClosedTrade {
  exitAt: EpochMs;
  exitDate: IsoDate;
  /** Realized P&L before fees and commissions, USD. */
  pnlUsd: number;
  /** R multiple before fees (P&L over the risk taken at entry), null when the risk is unknown. */
  rMultiple: number | null;
  /** Fees and commissions of the trade, USD (see fees.ts); 0 when omitted. */
  feesUsd?: number;
}

/** One point of the equity curve (USD). */
export interface EquityPoint {
  at: EpochMs;
  date: IsoDate;
  equity: number;
}

/** Trade statistics of one P&L measure (before or after fees). */
export interface TradeStats {
  pnlUsd: number;
  wins: number;
  losses: number;
  winRate: number | null;
  /** Sum of winning trades' P&L, USD. */
  grossProfitUsd: number;
  /** Sum of losing trades' losses (positive), USD. */
  grossLossUsd: number;
  /** Gross profit over gross loss (null without losses). */
  profitFactor: number | null;
  /** Mean P&L per trade, USD. */
  expectancyUsd: number | null;
  averageR: number | null;
}

/** Under this many closed trades, trade statistics say little (reports warn). */
export const SIGNIFICANT_TRADES = 30;

/** The warning a report prints under SIGNIFICANT_TRADES closed trades, or null. */
export function significanceWarning(trades: number): string | null {
  if (trades >= SIGNIFICANT_TRADES) return null;
  return `${trades} closed trade${trades === 1 ? '' : 's'}: not statistically significant (fewer than ${SIGNIFICANT_TRADES}); win rate, profit factor, expectancy and ratios can be luck`;
}

/**
 * Performance as the field defines it. Trade figures are net of fees and commissions (`beforeFees` beside
 * them). Ratios follow empyrical (quantopian/empyrical, stats.py): daily returns of NYSE trading sessions
 * only, the first session measured from the curve's first point; Sharpe = mean / sample standard deviation
 * (ddof 1) × √252; Sortino = mean / √(mean of min(r, 0)²) × √252; risk-free rate 0.
 */
export interface Performance extends Omit<TradeStats, 'pnlUsd'> {
  trades: number;
  /** Sum of closed trades' P&L after fees, USD. */
  netPnlUsd: number;
  feesUsd: number;
  /** The same trade statistics before fees and commissions. */
  beforeFees: TradeStats;
  /** False under SIGNIFICANT_TRADES closed trades. */
  significant: boolean;
  /** Return over the whole period (not annualised). */
  totalReturn: number | null;
  sharpe: number | null;
  sortino: number | null;
  /** Largest peak-to-trough fall of equity, as a fraction of the peak. */
  maxDrawdown: number;
  /** Compound annual growth rate, only over at least 252 sessions (null under a year: use totalReturn). */
  cagr: number | null;
  /** Trading sessions with equity points. */
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

/**
 * Daily returns of the trading sessions in an equity curve: each session's last equity over the previous
 * session's (the first session's over the curve's first point, so it counts). Weekend and holiday points
 * are no sessions: what equity did on them lands in the next session's return.
 */
export function sessionReturns(points: readonly EquityPoint[]): number[] {
  const sorted = [...points].sort((a, b) => a.at - b.at);
  if (sorted.length === 0) return [];
  const closes = dailyCloses(sorted).filter((p) => isTradingDay(p.date));
  let previous = sorted[0]!.equity;
  return closes.map((c) => {
    const r = previous > 0 ? c.equity / previous - 1 : 0;
    previous = c.equity;
    return r;
  });
}

/** Sharpe ratio of daily returns, annualised (empyrical's sharpe_ratio: ddof 1, √252, risk-free 0); null under two returns or without dispersion. */
export function sharpeRatio(returns: readonly number[]): number | null {
  if (returns.length < 2) return null;
  const m = mean(returns);
  const sd = Math.sqrt(returns.reduce((s, r) => s + (r - m) ** 2, 0) / (returns.length - 1));
  return sd > 0 ? (m / sd) * Math.sqrt(252) : null;
}

/** Sortino ratio of daily returns, annualised (empyrical's sortino_ratio: downside deviation over every return, target 0); null under two returns or without a losing day. */
export function sortinoRatio(returns: readonly number[]): number | null {
  if (returns.length < 2) return null;
  const downside = Math.sqrt(returns.reduce((s, r) => s + Math.min(0, r) ** 2, 0) / returns.length);
  return downside > 0 ? (mean(returns) / downside) * Math.sqrt(252) : null;
}

/** Trade statistics of P&L values with their R multiples. */
function tradeStats(pnls: readonly number[], rs: readonly (number | null)[]): TradeStats {
  const wins = pnls.filter((p) => p > 0);
  const losses = pnls.filter((p) => p < 0);
  const grossProfitUsd = wins.reduce((s, p) => s + p, 0);
  const grossLossUsd = -losses.reduce((s, p) => s + p, 0);
  const known = rs.filter((r): r is number => r !== null);
  return {
    pnlUsd: grossProfitUsd - grossLossUsd,
    wins: wins.length,
    losses: losses.length,
    winRate: pnls.length ? wins.length / pnls.length : null,
    grossProfitUsd,
    grossLossUsd,
    profitFactor: grossLossUsd > 0 ? grossProfitUsd / grossLossUsd : null,
    expectancyUsd: pnls.length ? (grossProfitUsd - grossLossUsd) / pnls.length : null,
    averageR: known.length ? mean(known) : null,
  };
}

/** The R multiple after fees: the same risk, the P&L less the fees (r = pnl / risk, so risk = pnl / r). */
function netR(t: ClosedTrade): number | null {
  if (t.rMultiple === null) return null;
  const fees = t.feesUsd ?? 0;
  if (fees === 0) return t.rMultiple;
  if (t.pnlUsd === 0 || t.rMultiple === 0) return null;
  return (t.rMultiple * (t.pnlUsd - fees)) / t.pnlUsd;
}

/** Trade and equity statistics (pure): net and gross trade figures, Sharpe, Sortino, drawdown, period return, CAGR over a year or more. */
export function performance(trades: readonly ClosedTrade[], equity: readonly EquityPoint[]): Performance {
  const net = tradeStats(trades.map((t) => t.pnlUsd - (t.feesUsd ?? 0)), trades.map(netR));
  const beforeFees = tradeStats(trades.map((t) => t.pnlUsd), trades.map((t) => t.rMultiple));
  const returns = sessionReturns(equity);
  const sorted = [...equity].sort((a, b) => a.at - b.at);
  const first = sorted[0];
  const last = sorted.at(-1);
  const totalReturn = first && last && first.equity > 0 ? last.equity / first.equity - 1 : null;
  // empyrical's annual_return: years = sessions / 252; below a year an annualised figure is a guess.
  const cagr = totalReturn !== null && returns.length >= 252 ? Math.pow(1 + totalReturn, 252 / returns.length) - 1 : null;
  const { pnlUsd: netPnlUsd, ...netStats } = net;
  return {
    trades: trades.length,
    ...netStats,
    netPnlUsd,
    feesUsd: trades.reduce((s, t) => s + (t.feesUsd ?? 0), 0),
    beforeFees,
    significant: trades.length >= SIGNIFICANT_TRADES,
    totalReturn,
    sharpe: sharpeRatio(returns),
    sortino: sortinoRatio(returns),
    maxDrawdown: drawdownCurve(sorted).reduce((m, d) => Math.max(m, d.drawdown), 0),
    cagr,
    days: returns.length,
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
