import type { IsoDate } from '../time.ts';
import { sharpeRatio, sortinoRatio } from '../performance.ts';

/** The sessions one trial replays (New York dates, inclusive). */
export interface TrialWindow {
  from: IsoDate;
  to: IsoDate;
}

/** A closed trade as research needs it. */
export interface TrialTrade {
  exitDate: IsoDate;
  /** Realised P&L after fees, USD. */
  netPnlUsd: number;
}

/** Figures of one run over one window. Ratios as lib/domain/performance.ts defines them (daily, annualised by sqrt(252)). */
export interface TrialMetrics {
  trades: number;
  netPnlUsd: number;
  totalReturn: number | null;
  sharpe: number | null;
  sortino: number | null;
  profitFactor: number | null;
  /** Mean net P&L per trade, USD. */
  expectancyUsd: number | null;
  winRate: number | null;
  /** Largest peak-to-trough fall of the session closes, a fraction of the peak. */
  maxDrawdown: number;
}

/** What one trial returns: plain data, so it crosses a worker thread, a function invocation or a database row unchanged. */
export interface TrialResult {
  /** Each session's return, oldest first, one per session of the window. */
  sessionReturns: number[];
  trades: TrialTrade[];
  /** Equity at the start of the window, USD. */
  startEquityUsd: number;
  metrics: TrialMetrics;
  /** The run's decisions digest (same data and settings, same digest). */
  digest: string;
}

/** Trial figures from session returns and trades (pure). */
export function trialMetrics(sessionReturns: readonly number[], trades: readonly TrialTrade[]): TrialMetrics {
  const pnls = trades.map((t) => t.netPnlUsd);
  const profit = pnls.filter((p) => p > 0).reduce((s, p) => s + p, 0);
  const loss = -pnls.filter((p) => p < 0).reduce((s, p) => s + p, 0);
  let equity = 1;
  let peak = 1;
  let maxDrawdown = 0;
  for (const r of sessionReturns) {
    equity *= 1 + r;
    peak = Math.max(peak, equity);
    maxDrawdown = Math.max(maxDrawdown, (peak - equity) / peak);
  }
  return {
    trades: trades.length,
    netPnlUsd: profit - loss,
    totalReturn: sessionReturns.length ? equity - 1 : null,
    sharpe: sharpeRatio(sessionReturns),
    sortino: sortinoRatio(sessionReturns),
    profitFactor: loss > 0 ? profit / loss : null,
    expectancyUsd: pnls.length ? (profit - loss) / pnls.length : null,
    winRate: pnls.length ? pnls.filter((p) => p > 0).length / pnls.length : null,
    maxDrawdown,
  };
}

/** The out-of-sample windows joined end to end, as if one account had traded them in turn (pure). */
export function stitchResults(results: readonly TrialResult[]): TrialResult {
  const sessionReturns = results.flatMap((r) => r.sessionReturns);
  const trades = results.flatMap((r) => r.trades);
  return { sessionReturns, trades, startEquityUsd: results[0]?.startEquityUsd ?? 0, metrics: trialMetrics(sessionReturns, trades), digest: results.map((r) => r.digest).join('+') };
}
