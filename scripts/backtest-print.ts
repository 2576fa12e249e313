import type { BacktestDay, BacktestResult } from '../lib/compose/backtest/run-backtest.ts';

const usd = (x: number) => `${x < 0 ? '-' : ''}$${Math.abs(x).toFixed(2)}`;
const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(2)}%`);
const num = (x: number | null, digits = 2) => (x === null ? 'n/a' : x.toFixed(digits));

/** One line per replayed session. */
export const dayLine = (d: BacktestDay) =>
  `${d.date}: ${d.ticks} ticks${d.failedTicks ? ` (${d.failedTicks} FAILED)` : ''}, ${d.bars} bars, ${d.ordersPlaced} orders, ${d.tradesClosed} trades closed, P&L ${usd(d.pnlUsd)}, equity ${d.equity === null ? 'n/a' : usd(d.equity)} (${(d.wallMs / 1000).toFixed(1)} s)`;

/** The closing report: what the run did, how it did, what the figures assume, and the decisions digest. */
export function printReport(result: BacktestResult, range: { from: string; to: string }, say: (line: string) => void): void {
  const p = result.performance;
  const g = p.beforeFees;
  const rate = result.wallMs > 0 ? Math.round((result.bars * 1000) / result.wallMs) : 0;
  say('');
  if (result.interrupted) {
    const last = result.days.at(-1)?.date;
    say(`INTERRUPTED (Ctrl-C): replayed ${result.days.length} of ${result.sessions} session(s)${last ? `, the last (${last}) in part` : ''}; every figure below covers only what was replayed.`);
  }
  say(`Backtest ${range.from}..${range.to}: ${result.ticks} ticks, ${result.bars} bars in ${(result.wallMs / 1000).toFixed(1)} s (${rate} bars/s)${result.failedTicks ? `, ${result.failedTicks} failed (run with --verbose)` : ''}`);
  say(`Orders: ${result.orders.length} (${result.orders.filter((o) => o.filledQty > 0).length} filled); trades closed: ${p.trades} (${p.wins} won, ${p.losses} lost after fees, win rate ${pct(p.winRate)}; before fees ${g.wins} won, win rate ${pct(g.winRate)})`);
  say(`P&L after fees ${usd(p.netPnlUsd)} (before fees ${usd(g.pnlUsd)}, estimated fees ${usd(p.feesUsd)}); profit factor ${num(p.profitFactor)} (before fees ${num(g.profitFactor)}), expectancy ${p.expectancyUsd === null ? 'n/a' : usd(p.expectancyUsd)} (before fees ${g.expectancyUsd === null ? 'n/a' : usd(g.expectancyUsd)}), average R ${num(p.averageR)} (before fees ${num(g.averageR)})`);
  say(`Period return ${pct(p.totalReturn)} over ${p.days} session(s)${p.cagr === null ? ' (no CAGR under a year)' : `, CAGR ${pct(p.cagr)}`}, max drawdown ${pct(p.maxDrawdown)}, Sharpe ${num(p.sharpe)}, Sortino ${num(p.sortino)}`);
  for (const w of result.warnings) say(`WARNING: ${w}`);
  say('Assumptions:');
  for (const a of result.assumptions) say(`  - ${a}`);
  for (const e of result.errors) say(`  failed tick ${e}`);
  say(`Decisions digest: ${result.digest} (the same data and settings give the same digest)`);
}
