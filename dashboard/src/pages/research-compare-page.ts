import type { PageFactory } from '../router.ts';
import type { ResearchCompare, ResearchRun } from '../api/research-types.ts';
import * as api from '../api/endpoints.ts';
import { createCompareChart } from '../charts/compare-chart.ts';
import { h, fill, section } from '../ui/dom.ts';
import { backtestFigures, KIND_LABEL, trialFigures } from './research-format.ts';
import { eventStudyComparison } from './research-compare-events.ts';

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

const twoColumns = (testId: string, head: [string, string, string], rows: HTMLElement[]) =>
  h('div', { class: 'table-scroll' }, h('table', { class: 'grid', 'data-testid': testId }, h('thead', null, h('tr', null, head.map((x) => h('th', null, x)))), h('tbody', null, rows)));

/** The settings and assumptions where the two runs differ (the server flattens and diffs them). */
function differences(cmp: ResearchCompare, titles: [string, string]): HTMLElement[] {
  const { settings, assumptions } = cmp;
  const differ = assumptions.onlyA.length + assumptions.onlyB.length;
  return [
    section(
      `Settings that differ (${settings.differ.length}; ${settings.same} the same)`,
      settings.differ.length === 0
        ? h('p', { class: 'muted' }, 'Same settings.')
        : twoColumns('compare-settings', ['Setting', `A: ${titles[0]}`, `B: ${titles[1]}`], settings.differ.map((d) => h('tr', { 'data-setting': d.key }, h('td', null, d.key), h('td', { class: 'wide' }, d.a), h('td', { class: 'wide' }, d.b, d.note ? h('div', { class: 'muted small' }, d.note) : null)))),
    ),
    section(
      `Assumptions that differ (${differ})`,
      differ === 0
        ? h('p', { class: 'muted', 'data-testid': 'compare-assumptions-same' }, 'Same assumptions.')
        : twoColumns('compare-assumptions', ['', `A: ${titles[0]}`, `B: ${titles[1]}`], [h('tr', null, h('td', null, 'Only here'), h('td', { class: 'wide' }, h('ul', null, assumptions.onlyA.map((x) => h('li', null, x)))), h('td', { class: 'wide' }, h('ul', null, assumptions.onlyB.map((x) => h('li', null, x)))))]),
      assumptions.shared.length ? h('details', null, h('summary', null, `${assumptions.shared.length} shared`), h('ul', { class: 'assumptions' }, assumptions.shared.map((x) => h('li', null, x)))) : null,
    ),
  ];
}

/** Two runs side by side: their figures, what differs in settings and assumptions, equity overlaid; two event studies catalyst by catalyst. */
export const researchComparePage: PageFactory = ({ root, params }) => {
  const ids = params.slice(0, 2).map(Number);
  const body = h('div', { 'data-testid': 'research-compare' }, h('p', { class: 'muted' }, 'Loading…'));
  root.append(h('p', null, h('a', { href: '#/research' }, '« Research')), body);
  let done = false;
  let dispose: (() => void) | undefined;

  async function refresh(): Promise<void> {
    if (done) return;
    done = true;
    if (ids.length !== 2 || !ids.every((x) => Number.isInteger(x) && x > 0) || ids[0] === ids[1]) {
      fill(body, h('p', { class: 'error' }, 'Pick two runs to compare on the Research page.'));
      return;
    }
    const [a, b, cmp] = await Promise.all([api.researchRun(ids[0]!), api.researchRun(ids[1]!), api.researchCompare(ids[0]!, ids[1]!)]);
    const title = (r: ResearchRun) => `#${r.id} ${KIND_LABEL[r.kind]}`;
    const titles: [string, string] = [title(a), title(b)];
    const fb = new Map(figuresOf(b));
    const withEquity = [a, b].filter((r) => r.kind !== 'event-study');
    const chartEl = withEquity.length ? h('div', { class: 'chart', 'data-testid': 'compare-chart' }) : null;
    fill(
      body,
      h('h1', null, `Compare A ${titles[0]} and B ${titles[1]}`),
      cmp.notes.length ? h('ul', { class: 'notes', 'data-testid': 'compare-notes' }, cmp.notes.map((n) => h('li', { class: 'warn' }, n))) : null,
      cmp.eventStudies
        ? eventStudyComparison(cmp.eventStudies, titles)
        : section('Figures', twoColumns('compare-metrics', ['', titles[0], titles[1]], figuresOf(a).map(([k, v]) => h('tr', { 'data-row': k }, h('td', null, k), h('td', { class: 'num' }, v), h('td', { class: 'num' }, fb.get(k) ?? '—'))))),
      chartEl ? section("Equity overlaid (return from each run's start)", chartEl) : null,
      ...differences(cmp, titles),
    );
    if (chartEl) dispose = createCompareChart(chartEl, 280, withEquity.map((r) => ({ title: title(r), points: equityOf(r) }))).dispose;
  }
  return { intervalMs: 60_000, refresh, dispose: () => dispose?.() };
};
