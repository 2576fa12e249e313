import type { BacktestRun } from '../api/research-types.ts';
import { createEquityChart } from '../charts/equity-chart.ts';
import { h, fill, section, empty } from '../ui/dom.ts';
import { table } from '../ui/table.ts';
import { dateTime, num, price, r, signedUsd, words } from '../ui/format.ts';
import { newsStep, candidateStep, signalStep } from './audit-decision.ts';
import { riskStep, ordersStep, fillsStep, exitStep, exitSentence } from './audit-execution.ts';
import { assumptionList, backtestFigures, settingsFacts } from './research-format.ts';

type Row = BacktestRun['trades'][number];

/** A trade's decision audit, folded: the same chain as the live Trades page's audit. */
function auditOf(row: Row): HTMLElement {
  const a = row.audit;
  if (!a) return h('span', { class: 'muted' }, 'no audit');
  return h(
    'details',
    { class: 'audit-detail', 'data-testid': 'bt-audit' },
    h('summary', null, 'Decision audit'),
    h('dl', { class: 'answers' }, h('dt', null, 'Why it took this trade'), h('dd', { 'data-testid': 'why-in' }, a.signal?.explanation ?? a.entry?.reason ?? '—'), h('dt', null, 'Why it exited'), h('dd', { 'data-testid': 'why-out' }, exitSentence(a))),
    h('ol', { class: 'chain' }, newsStep(a), candidateStep(a), signalStep(a), riskStep(a), ordersStep(a), fillsStep(a), exitStep(a)),
  );
}

/** A saved backtest: its settings, metrics with the assumptions beside them, equity and drawdown with its trades marked, each trade's audit. */
export function renderBacktest(el: HTMLElement, run: BacktestRun): () => void {
  const chartEl = h('div', { class: 'chart', 'data-testid': 'bt-equity-chart' });
  const { strategy, ...settings } = run.settings;
  fill(
    el,
    h('h1', null, `Backtest #${run.id}: ${run.from === run.to ? run.from : `${run.from} → ${run.to}`}`),
    h('p', { class: 'muted' }, `Decisions digest `, h('code', { 'data-testid': 'bt-digest' }, run.digest.slice(0, 16)), ` · settings digest `, h('code', null, run.settingsDigest.slice(0, 12)), ` · saved ${dateTime(run.finishedAt)}`),
    h(
      'div',
      { class: 'split' },
      section('Metrics (after fees)', h('dl', { class: 'facts', 'data-testid': 'bt-metrics' }, backtestFigures(run.metrics).map(([k, v]) => h('div', { 'data-stat': k }, h('dt', null, k), h('dd', null, v)))), run.warnings.map((w) => h('p', { class: 'warn small' }, w))),
      section('Assumptions', assumptionList(run.assumptions)),
    ),
    section('Equity and drawdown', chartEl, run.equity.thinned ? h('p', { class: 'muted small', 'data-testid': 'bt-thinned' }, run.equity.thinned) : null),
    section(
      `Trades (${run.counts.trades}; ${run.counts.orders} orders, ${run.counts.fills} fills)`,
      run.trades.length === 0
        ? empty('No trade in this run.')
        : table(
            [
              { label: 'Symbol', cell: (t: Row) => t.trade.symbol },
              { label: 'Side', cell: (t) => t.trade.side },
              { label: 'Entry', cell: (t) => `${price(t.trade.entryPrice)} · ${dateTime(t.trade.entryAt)}` },
              { label: 'Exit', cell: (t) => (t.trade.exitAt ? `${price(t.trade.exitPrice)} · ${dateTime(t.trade.exitAt)}` : 'open') },
              { label: 'P&L', cell: (t) => signedUsd(t.trade.pnlUsd), kind: 'num' },
              { label: 'R', cell: (t) => r(t.trade.rMultiple), kind: 'num' },
              { label: 'Exit reason', cell: (t) => words(t.trade.exitReason) },
              { label: 'Audit', cell: auditOf, kind: 'wide' },
            ],
            run.trades,
            { testId: 'bt-trades' },
          ),
      run.tradesNote ? h('p', { class: 'muted small' }, run.tradesNote) : null,
    ),
    section(
      'Sessions',
      table(
        [
          { label: 'Session', cell: (d) => d.date },
          { label: 'Equity', cell: (d) => num(d.equity), kind: 'num' },
          { label: 'P&L (before fees)', cell: (d) => signedUsd(d.pnlUsd), kind: 'num' },
          { label: 'Orders', cell: (d) => d.ordersPlaced, kind: 'num' },
          { label: 'Trades closed', cell: (d) => d.tradesClosed, kind: 'num' },
        ],
        run.equity.perSession,
        { testId: 'bt-sessions' },
      ),
    ),
    section('Settings', settingsFacts({ ...settings, symbols: settings.symbols.length > 12 ? `${settings.symbols.length} symbols` : settings.symbols }), h('details', null, h('summary', null, 'Strategy settings'), settingsFacts(strategy, 'bt-strategy'))),
  );
  const chart = createEquityChart(chartEl, 300);
  chart.set(run.equity.perMinute);
  chart.mark(run.trades.flatMap((t) => [
    ...(t.trade.entryAt ? [{ at: t.trade.entryAt, kind: 'entry' as const, text: `${t.trade.symbol} in` }] : []),
    ...(t.trade.exitAt ? [{ at: t.trade.exitAt, kind: 'exit' as const, text: `${t.trade.symbol} out` }] : []),
  ]));
  window.performance.mark('catalyst:research-equity-drawn');
  return chart.dispose;
}
