import type { FoldReport, WalkForwardRun } from '../api/research-types.ts';
import { createEquityChart } from '../charts/equity-chart.ts';
import { linePlot } from '../charts/line-plot.ts';
import { h, fill, section, empty } from '../ui/dom.ts';
import { table } from '../ui/table.ts';
import { dateTime, num, pct } from '../ui/format.ts';
import { assumptionList, settingsFacts, trialFigures } from './research-format.ts';

const chosen = (f: FoldReport) => (f.chosen ? Object.entries(f.chosen).map(([k, v]) => `${k}=${v}`).join(', ') : 'none reached the minimum of trades: flat');

/** A walk-forward study: stitched out of sample beside in sample, per fold, DSR/PBO/PSR, Monte Carlo drawdowns, parameter sensitivity. */
export function renderWalkForward(el: HTMLElement, run: WalkForwardRun): () => void {
  const s = run.summary;
  const objective = run.objective ?? String(run.spec.objective);
  const { space: _space, ...spec } = run.spec;
  if (!s) {
    fill(el, h('h1', null, `Walk-forward #${run.id}`), empty('This study has not finished: its figures appear when it is done (the same npm run optimize command resumes it).'), section('Settings', settingsFacts(spec)));
    return () => undefined;
  }
  const inSample = s.folds.filter((f) => f.inSampleMetrics).map((f) => f.inSampleMetrics!);
  const meanOf = (k: keyof (typeof inSample)[number]) => {
    const xs = inSample.map((m) => m[k]).filter((x): x is number => typeof x === 'number');
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  };
  const inSampleMean = inSample.length ? { trades: meanOf('trades') ?? 0, netPnlUsd: meanOf('netPnlUsd') ?? 0, totalReturn: meanOf('totalReturn'), sharpe: meanOf('sharpe'), sortino: meanOf('sortino'), profitFactor: meanOf('profitFactor'), expectancyUsd: meanOf('expectancyUsd'), winRate: meanOf('winRate'), maxDrawdown: meanOf('maxDrawdown') ?? 0 } : null;
  const oos = trialFigures(s.outOfSample.metrics);
  const ins = trialFigures(inSampleMean);
  const chartEl = h('div', { class: 'chart', 'data-testid': 'wf-equity-chart' });
  fill(
    el,
    h('h1', null, `Walk-forward #${run.id}: ${run.from} → ${run.to}`),
    h('p', { class: 'muted' }, `Objective ${objective} · ${s.folds.length} folds · ${run.trials} stored trials · settings digest `, h('code', null, run.settingsDigest.slice(0, 12)), ` · saved ${dateTime(run.finishedAt)}`),
    section(
      `Out of sample (the headline), ${s.outOfSample.sessions} sessions, beside in sample (mean over folds)`,
      h('div', { class: 'table-scroll' }, h('table', { class: 'grid', 'data-testid': 'wf-headline' }, h('thead', null, h('tr', null, h('th', null, ''), h('th', { class: 'num' }, 'out of sample'), h('th', { class: 'num' }, 'in sample'))), h('tbody', null, oos.map(([k, v], i) => h('tr', { 'data-row': k }, h('td', null, k), h('td', { class: 'num' }, v), h('td', { class: 'num' }, ins[i]![1])))))),
      h('p', { 'data-testid': 'wf-scores' }, `${objective}: out of sample ${num(s.outOfSampleScore, 4)}, in sample ${num(s.inSampleMeanScore, 4)} · PSR (out of sample Sharpe > 0) ${num(s.probabilisticSharpe, 3)}`),
    ),
    section('Out-of-sample equity and drawdown (each fold\'s chosen settings, end to end)', chartEl),
    section(
      'Folds: in sample against out of sample',
      table(
        [
          { label: 'Fold', cell: (f: FoldReport) => f.index + 1 },
          { label: 'In sample', cell: (f) => `${f.inSample.from} → ${f.inSample.to} (${f.inSample.sessions})` },
          { label: 'Out of sample', cell: (f) => `${f.outOfSample.from} → ${f.outOfSample.to} (${f.outOfSample.sessions})` },
          { label: 'Chosen', cell: chosen, kind: 'wide' },
          { label: `IS ${objective}`, cell: (f) => num(f.inSampleScore, 4), kind: 'num' },
          { label: `OOS ${objective}`, cell: (f) => num(f.outOfSampleScore, 4), kind: 'num' },
          { label: 'IS trades', cell: (f) => f.inSampleMetrics?.trades ?? '—', kind: 'num' },
          { label: 'OOS trades', cell: (f) => f.outOfSampleMetrics.trades, kind: 'num' },
          { label: 'DSR', cell: (f) => num(f.overfitting.deflatedSharpe, 3), kind: 'num' },
          { label: 'PBO', cell: (f) => (f.overfitting.pbo === null ? 'n/a' : `${num(f.overfitting.pbo, 3)} (${f.overfitting.pboSplits} splits)`), kind: 'num' },
        ],
        s.folds,
        { testId: 'wf-folds' },
      ),
    ),
    h(
      'div',
      { class: 'split' },
      section(
        'Monte Carlo drawdowns (out-of-sample trades reshuffled)',
        s.drawdowns
          ? table([{ label: 'Percentile', cell: (p: { percentile: number; maxDrawdown: number }) => `p${p.percentile}` }, { label: 'Max drawdown', cell: (p) => pct(p.maxDrawdown), kind: 'num' }], s.drawdowns.percentiles, { testId: 'wf-monte-carlo' })
          : empty('No out-of-sample trade to reshuffle.'),
        s.drawdowns ? h('p', { class: 'muted small' }, `Observed ${pct(s.drawdowns.observed)} over ${s.drawdowns.samples} reshuffles.`) : null,
      ),
      section('Assumptions', assumptionList(run.assumptions)),
    ),
    section(
      `Parameter sensitivity: mean in-sample ${objective} per value (whole in-sample windows)`,
      run.sensitivity.length === 0
        ? empty('No trial stored.')
        : h('div', { class: 'split', 'data-testid': 'wf-sensitivity' }, run.sensitivity.map((p) => h('div', { 'data-parameter': p.name }, h('h3', null, p.name), linePlot(p.values.map((v) => String(v.value)), [{ name: `mean ${objective}`, values: p.values.map((v) => v.meanScore) }, { name: `best ${objective}`, values: p.values.map((v) => v.bestScore) }], (y) => num(y, 3), { height: 180 }), h('p', { class: 'muted small' }, p.values.map((v) => `${v.value}: ${v.trials} trial(s)`).join(' · '))))),
    ),
    section('Settings', settingsFacts(spec)),
  );
  const chart = createEquityChart(chartEl, 260);
  // A session's figure stands at its close (16:00 New York, 21:00 UTC in winter; close enough for a daily curve).
  chart.set(run.outOfSampleEquity.map((p) => ({ at: Date.parse(`${p.date}T21:00:00Z`) || 0, equity: p.equity, peak: p.equity, drawdown: p.drawdown })));
  return chart.dispose;
}
