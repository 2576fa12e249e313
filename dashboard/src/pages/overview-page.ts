import type { PageFactory } from '../router.ts';
import type { Cycle, Summary } from '../api/types.ts';
import * as api from '../api/endpoints.ts';
import { onSummary } from '../live-summary.ts';
import { controlButtons } from '../controls.ts';
import { createEquityChart } from '../charts/equity-chart.ts';
import { h, fill, section, facts, badge } from '../ui/dom.ts';
import { usd, signedUsd, pct, num, dateTime, tone, words, r } from '../ui/format.ts';
import { stateBadge, cycleLine, stageStrip } from '../ui/status.ts';

const RANGES = [1, 5, 30] as const;

function stat(label: string, value: string, sub?: HTMLElement | string | null, cls = ''): HTMLElement {
  return h('div', { class: `stat ${cls}`, 'data-stat': label }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value), sub ? h('div', { class: 'sub' }, sub) : null);
}

/** The last tick; while one is running, the one before it (from the live summary) shows its stages. */
function lastTick(s: Summary): HTMLElement[] {
  const tick = s.lastTick;
  if (!tick) return [h('p', { class: 'muted' }, 'No tick has run yet.')];
  const out: HTMLElement[] = [h('p', { 'data-testid': 'last-tick' }, cycleLine(tick))];
  const shown: Cycle | null =
    tick.status !== 'running'
      ? tick
      : s.live && s.live.cycleId < tick.id
        ? { ...tick, id: s.live.cycleId, startedAt: s.live.at, status: s.live.status, stages: s.live.stages.map((x) => ({ name: x.name, ok: x.ok, ms: x.ms, startedAt: s.live!.at, why: '', counts: {}, ...(x.error ? { error: { code: x.error, message: 'details on Cycles & health' } } : {}) })), errors: [] }
        : null;
  if (!shown) return out;
  if (shown !== tick) out.push(h('p', { class: 'small muted' }, `Previous tick #${shown.id}: ${shown.status}`));
  const failed = shown.stages.filter((x) => !x.ok);
  out.push(
    failed.length ? h('ul', { class: 'errors' }, failed.map((x) => h('li', null, `${words(x.name)}: ${x.error?.code ?? 'failed'}: ${x.error?.message ?? ''}`))) : h('p', { class: 'muted' }, 'No stage errors.'),
    stageStrip(shown),
  );
  return out;
}

function renderSummary(el: HTMLElement, s: Summary): void {
  const st = s.tradingState;
  fill(
    el,
    h(
      'div',
      { class: 'stats' },
      stat('Equity', usd(s.equity), `Cash ${usd(s.cash)}`),
      stat('Day P&L', signedUsd(s.dayPnlUsd), pct(s.dayPnlPct, true), tone(s.dayPnlUsd)),
      stat('Buying power', usd(s.buyingPower)),
      stat('Open positions', String(s.openPositions), h('a', { href: '#/positions' }, 'See positions')),
    ),
    h(
      'div',
      { class: 'split' },
      section(
        'Trading state',
        h('p', { class: 'state-line', 'data-testid': 'trading-state' }, stateBadge(st), ' ', st?.reason ?? 'No state recorded yet'),
        st ? facts([['Cause', words(st.cause ?? null)], ['Changed by', st.changedBy], ['Since', dateTime(st.changedAt)], ['Until', st.until ? dateTime(st.until) : 'a person acts']]) : null,
        controlButtons(),
      ),
      section('Last tick', lastTick(s)),
    ),
  );
}

/** Equity, day P&L, buying power, trading state with the controls, the last tick, the equity curve and performance. */
export const overviewPage: PageFactory = ({ root }) => {
  const summaryEl = h('div', { 'data-testid': 'summary' }, h('p', { class: 'muted' }, 'Loading…'));
  const chartEl = h('div', { class: 'chart', 'data-testid': 'equity-chart' });
  const perfEl = h('div', { 'data-testid': 'performance' });
  const noPoints = h('p', { class: 'empty', hidden: true }, 'No account snapshot in this range yet: the first tick records one.');
  let days: number = RANGES[0];
  const rangeButtons = RANGES.map((d) =>
    h('button', { type: 'button', class: 'chip', 'aria-pressed': String(d === days), onclick: () => ((days = d), rangeButtons.forEach((b, i) => b.setAttribute('aria-pressed', String(RANGES[i] === d))), void loadSlow()) }, `${d}d`),
  );
  root.append(
    h('h1', null, 'Overview'),
    summaryEl,
    section('Equity and drawdown', h('div', { class: 'chips' }, rangeButtons), noPoints, chartEl, h('p', { class: 'muted small' }, 'Top: account equity (USD). Bottom: drawdown from the running peak (%).')),
    section('Performance', perfEl),
  );
  const equity = createEquityChart(chartEl, window.innerWidth < 600 ? 240 : 320);
  let marked = false;
  const off = onSummary((s) => {
    renderSummary(summaryEl, s);
    if (!marked) {
      // The load-time figure of the closing note: navigation start → first data on screen.
      performance.mark('catalyst:overview-data');
      marked = true;
    }
  });

  async function loadSlow(): Promise<void> {
    const [eq, perf] = await Promise.all([api.equity(days), api.performance(30)]);
    equity.set(eq.points);
    noPoints.hidden = eq.points.length > 0;
    if (eq.points.length && !performance.getEntriesByName('catalyst:equity-drawn').length) performance.mark('catalyst:equity-drawn');
    const p = perf.overall;
    const caveats = [
      ...(perf.warnings ?? []).map((w) => h('p', { class: 'warn' }, w)),
      ...((perf.assumptions ?? []).length ? [h('details', null, h('summary', null, 'Assumptions'), h('ul', null, ...(perf.assumptions ?? []).map((a) => h('li', null, a))))] : []),
    ];
    fill(
      perfEl,
      p.trades === 0
        ? h('p', { class: 'muted' }, 'No closed trade in the last 30 days yet.')
        : facts([
            ['Closed trades', `${p.trades} (${p.wins} won, ${p.losses} lost, after fees)`],
            ['P&L after fees', `${signedUsd(p.netPnlUsd ?? null)} (before fees ${signedUsd(p.beforeFees?.pnlUsd ?? null)})`],
            ['Win rate', pct(p.winRate, false, 0)],
            ['Profit factor', num(p.profitFactor)],
            ['Expectancy', signedUsd(p.expectancyUsd)],
            ['Average R', r(p.averageR)],
            ['Total return', pct(p.totalReturn, true)],
            ['Max drawdown', pct(p.maxDrawdown)],
            ['Sharpe / Sortino', `${num(p.sharpe)} / ${num(p.sortino)}`],
          ]),
      ...caveats,
      badge('last 30 days', 'muted'),
    );
  }

  return { intervalMs: 15_000, refresh: loadSlow, dispose: () => (off(), equity.dispose()) };
};
