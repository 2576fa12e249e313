import type { TrialMetrics } from './trial.ts';

/** What a search maximises. */
export const OBJECTIVES = ['sharpe', 'sortino', 'net_pnl', 'total_return', 'profit_factor', 'expectancy'] as const;
export type Objective = (typeof OBJECTIVES)[number];

const READ: Record<Objective, (m: TrialMetrics) => number | null> = {
  sharpe: (m) => m.sharpe,
  sortino: (m) => m.sortino,
  net_pnl: (m) => m.netPnlUsd,
  total_return: (m) => m.totalReturn,
  profit_factor: (m) => m.profitFactor,
  expectancy: (m) => m.expectancyUsd,
};

/** Parses an objective name, naming the accepted ones when it is not one. */
export function parseObjective(name: string): Objective {
  if ((OBJECTIVES as readonly string[]).includes(name)) return name as Objective;
  throw new Error(`--objective must be one of ${OBJECTIVES.join(', ')} (got ${name})`);
}

/** A trial's score, or null when it cannot be chosen: fewer than `minTrades` trades, or the figure is undefined (no losing trade for a profit factor, a flat curve for a Sharpe ratio). */
export function objectiveScore(objective: Objective, metrics: TrialMetrics, minTrades: number): number | null {
  if (metrics.trades < minTrades) return null;
  const v = READ[objective](metrics);
  return v === null || !Number.isFinite(v) ? null : v;
}
