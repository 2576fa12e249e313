import type { PageFactory } from '../router.ts';
import type { ResearchRun } from '../api/research-types.ts';
import * as api from '../api/endpoints.ts';
import { createCompareChart } from '../charts/compare-chart.ts';
import { h, fill, section } from '../ui/dom.ts';
import { value } from '../ui/format.ts';
import { backtestFigures, KIND_LABEL, trialFigures } from './research-format.ts';

/** A run's figures (a walk-forward study's stitched out-of-sample ones) and its equity, for comparison. */
function figuresOf(run: ResearchRun): [string, string][] {
  if (run.kind === 'backtest') return backtestFigures(run.metrics);
  if (run.kind === 'walk-forward') return trialFigures(run.summary?.outOfSample.metrics ?? null);
  return [['Events', String(run.events)]];
}
function equityOf(run: ResearchRun): { at: number; equity: number }[] {
  if (run.kind === 'backtest') return run.equity.perMinute;
  if (run.kind === 'walk-forward') return run.outOfSampleEquity.map((p) => ({ at: Date.parse(`${p.date}T21:00:00Z`), equity: p.equity }));
  return [];
}
function settingsOf(run: ResearchRun): Record<string, unknown> {
  if (run.kind === 'backtest') return { from: run.from, to: run.to, ...run.settings.strategy };
  if (run.kind === 'walk-forward') return { from: run.from, to: run.to, ...run.spec };
  return { from: run.from, to: run.to, ...run.settings };
}

/** Two runs side by side: their figures, the settings where they differ, and their equity overlaid (return from each start). */
export const researchComparePage: PageFactory = ({ root, params }) => {
  const ids = params.slice(0, 2).map(Number);
  const body = h('div', { 'data-testid': 'research-compare' }, h('p', { class: 'muted' }, 'Loading…'));
  root.append(h('p', null, h('a', { href: '#/research' }, '« Research')), body);
  let done = false;
  let dispose: (() => void) | undefined;

  async function refresh(): Promise<void> {
    if (done) return;
    done = true;
    if (ids.length !== 2 || !ids.every((x) => Number.isInteger(x) && x > 0)) {
      fill(body, h('p', { class: 'error' }, 'Pick two runs to compare on the Research page.'));
      return;
    }
    const runs = await Promise.all(ids.map((x) => api.researchRun(x)));
    const [a, b] = runs as [ResearchRun, ResearchRun];
    const fa = figuresOf(a);
    const fb = new Map(figuresOf(b));
    const sa = settingsOf(a);
    const sb = settingsOf(b);
    const differ = [...new Set([...Object.keys(sa), ...Object.keys(sb)])].filter((k) => value(sa[k]) !== value(sb[k]));
    const title = (r: ResearchRun) => `#${r.id} ${KIND_LABEL[r.kind]}`;
    const chartEl = h('div', { class: 'chart', 'data-testid': 'compare-chart' });
    fill(
      body,
      h('h1', null, `Compare ${title(a)} and ${title(b)}`),
      section(
        'Figures',
        h('div', { class: 'table-scroll' }, h('table', { class: 'grid', 'data-testid': 'compare-metrics' }, h('thead', null, h('tr', null, h('th', null, ''), h('th', { class: 'num' }, title(a)), h('th', { class: 'num' }, title(b)))), h('tbody', null, fa.map(([k, v]) => h('tr', { 'data-row': k }, h('td', null, k), h('td', { class: 'num' }, v), h('td', { class: 'num' }, fb.get(k) ?? '—')))))),
      ),
      section('Equity overlaid (return from each run\'s start)', chartEl),
      section(
        `Settings that differ (${differ.length})`,
        differ.length === 0
          ? h('p', { class: 'muted' }, 'Same settings.')
          : h('div', { class: 'table-scroll' }, h('table', { class: 'grid', 'data-testid': 'compare-settings' }, h('thead', null, h('tr', null, h('th', null, 'Setting'), h('th', null, title(a)), h('th', null, title(b)))), h('tbody', null, differ.map((k) => h('tr', null, h('td', null, k), h('td', { class: 'wide' }, value(sa[k])), h('td', { class: 'wide' }, value(sb[k]))))))),
      ),
    );
    dispose = createCompareChart(chartEl, 280, runs.map((r) => ({ title: title(r), points: equityOf(r) }))).dispose;
  }
  return { intervalMs: 60_000, refresh, dispose: () => dispose?.() };
};
