// Shared pieces of the research views: headline figures, settings and assumptions as the pages show them.
import type { BacktestMetrics, RunKind, TrialMetrics } from '../api/research-types.ts';
import { h, badge, facts } from '../ui/dom.ts';
import { num, pct, signedUsd, usd, value } from '../ui/format.ts';

export const KIND_LABEL: Record<RunKind, string> = { backtest: 'Backtest', 'event-study': 'Event study', 'walk-forward': 'Walk-forward' };

export const kindBadge = (k: RunKind) => badge(KIND_LABEL[k], k === 'backtest' ? 'info' : k === 'event-study' ? 'warn' : 'good');

/** A return in basis points (fractions in, "12.3 bps" out). */
export const bps = (x: number | null | undefined, digits = 1) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 10_000).toFixed(digits)} bps`);

/** A backtest's performance figures as label/value pairs (what the list, the run and the comparison show). */
export function backtestFigures(m: BacktestMetrics): [string, string][] {
  return [
    ['Trades', String(m.trades)],
    ['Net P&L (after fees)', signedUsd(m.netPnlUsd)],
    ['Before fees', signedUsd(m.beforeFees.pnlUsd)],
    ['Fees', usd(m.feesUsd)],
    ['Return', pct(m.totalReturn, true)],
    ['Win rate', pct(m.winRate)],
    ['Profit factor', num(m.profitFactor)],
    ['Expectancy', signedUsd(m.expectancyUsd)],
    ['Average R', num(m.averageR)],
    ['Max drawdown', pct(m.maxDrawdown)],
    ['Sharpe', num(m.sharpe)],
    ['Sortino', num(m.sortino)],
  ];
}

/** A walk-forward trial's figures as label/value pairs. */
export function trialFigures(m: TrialMetrics | null): [string, string][] {
  return [
    ['Trades', m ? String(m.trades) : '—'],
    ['Net P&L', signedUsd(m?.netPnlUsd)],
    ['Return', pct(m?.totalReturn, true)],
    ['Sharpe', num(m?.sharpe)],
    ['Sortino', num(m?.sortino)],
    ['Profit factor', num(m?.profitFactor)],
    ['Expectancy', signedUsd(m?.expectancyUsd)],
    ['Win rate', pct(m?.winRate)],
    ['Max drawdown', pct(m?.maxDrawdown)],
  ];
}

/** Settings as facts: nested values compactly. */
export const settingsFacts = (settings: Record<string, unknown>, testId = 'run-settings') => {
  const el = facts(Object.entries(settings).map(([k, v]) => [k, value(v)]));
  el.dataset.testid = testId;
  return el;
};

export const assumptionList = (items: readonly string[], testId = 'run-assumptions') =>
  items.length ? h('ul', { class: 'assumptions', 'data-testid': testId }, items.map((a) => h('li', null, a))) : h('p', { class: 'muted' }, 'No assumptions recorded.');
