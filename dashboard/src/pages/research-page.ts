import type { PageFactory } from '../router.ts';
import type { RunListing } from '../api/research-types.ts';
import * as api from '../api/endpoints.ts';
import { ApiError } from '../api/client.ts';
import { h, fill, empty } from '../ui/dom.ts';
import { table } from '../ui/table.ts';
import { dateTime, num, pct, signedUsd } from '../ui/format.ts';
import { bps, kindBadge } from './research-format.ts';
import { describeFilter, filterControls, filterFromQuery, filterHref } from './research-filter.ts';

/** The run's headline figures in one line, by kind. */
function headline(r: RunListing): string {
  const x = r.headline;
  if (!x) return r.status === 'running' ? 'running…' : '—';
  if ('metrics' in x) return `${x.metrics.trades} trades · ${signedUsd(x.metrics.netPnlUsd)} · return ${pct(x.metrics.totalReturn, true)} · max DD ${pct(x.metrics.maxDrawdown)} · Sharpe ${num(x.metrics.sharpe)}`;
  if ('events' in x) {
    const last = x.horizons.at(-1) ?? 'close';
    return `${x.events} events · mean to ${last} ${bps(x.all?.returns[last]?.mean)} (t ${num(x.all?.returns[last]?.t)})`;
  }
  return `out of sample: ${x.outOfSample.trades} trades · ${signedUsd(x.outOfSample.netPnlUsd)} · Sharpe ${num(x.outOfSample.sharpe)} · PSR ${num(x.probabilisticSharpe)} · ${x.folds} folds`;
}

const settingsLine = (s: Record<string, unknown>) =>
  Object.entries(s)
    .filter(([, v]) => v === null || typeof v !== 'object' || Array.isArray(v))
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(',') : String(v)}`)
    .join(' · ');

/** Research: every saved run (backtests, event studies, walk-forward studies), newest first, filtered from the URL; two can be compared. */
export const researchPage: PageFactory = ({ root, query }) => {
  const filter = filterFromQuery(query);
  const beforeId = Number(query.get('beforeId')) || undefined;
  const picked = new Set<number>();
  const compare = h('button', { type: 'button', class: 'primary', disabled: true, 'data-testid': 'compare' }, 'Compare two runs');
  compare.addEventListener('click', () => {
    const [a, b] = [...picked];
    if (a && b) location.hash = `#/research-compare/${a}/${b}`;
  });
  const described = describeFilter(filter);
  const body = h('div', { 'data-testid': 'research-runs' }, h('p', { class: 'muted' }, 'Loading…'));
  root.append(
    h('h1', null, 'Research'),
    h('p', { class: 'muted small' }, 'Runs saved with npm run backtest -- --save, npm run study -- events --save and npm run optimize.'),
    filterControls(filter),
    h('p', { class: 'small', 'data-testid': 'filter-summary', hidden: !described }, described ? `Showing: ${described}.` : ''),
    body,
    h('div', { class: 'pager' }, compare),
  );
  let loaded = false;

  async function refresh(): Promise<void> {
    if (loaded) return;
    let page;
    try {
      page = await api.researchRuns(filter, beforeId);
    } catch (e) {
      // A shared address with a bad filter: the server names the field; show it here rather than as a page failure.
      if (!(e instanceof ApiError && e.status === 400)) throw e;
      loaded = true;
      fill(body, h('p', { class: 'error', 'data-testid': 'filter-error' }, `This filter was refused: ${e.message}`));
      return;
    }
    loaded = true;
    if (page.runs.length === 0) {
      fill(body, empty(described ? 'No run matches this filter.' : 'No research run saved yet.'));
      return;
    }
    const pick = (r: RunListing) => {
      if (r.status !== 'done') return null;
      const box = h('input', { type: 'checkbox', class: 'compare-pick', 'aria-label': `Compare run ${r.id}`, 'data-run': r.id });
      box.addEventListener('change', () => {
        if (box.checked) picked.add(r.id);
        else picked.delete(r.id);
        compare.disabled = picked.size !== 2;
      });
      return box;
    };
    fill(
      body,
      table(
        [
          { label: 'Run', cell: (r) => `#${r.id}` },
          { label: 'Kind', cell: (r) => kindBadge(r.kind) },
          { label: 'Range', cell: (r) => (r.from === r.to ? r.from : `${r.from} → ${r.to}`) },
          { label: 'Settings', cell: (r) => h('span', { title: settingsLine(r.settings) }, h('code', null, r.settingsDigest.slice(0, 12))), kind: 'wide' },
          { label: 'Headline', cell: (r) => h('span', { 'data-testid': 'run-headline' }, headline(r)), kind: 'wide' },
          { label: 'Assumptions', cell: (r) => (r.assumptions.length ? h('details', null, h('summary', null, `${r.assumptions.length} assumptions`), h('ul', { class: 'assumptions' }, r.assumptions.map((a) => h('li', null, a)))) : '—'), kind: 'wide' },
          { label: 'Saved', cell: (r) => dateTime(r.finishedAt ?? r.startedAt) },
          { label: 'Compare', cell: pick },
        ],
        page.runs,
        { href: (r) => `#/research-run/${r.id}`, testId: 'research-table' },
      ),
      page.nextBeforeId ? h('div', { class: 'pager' }, h('a', { class: 'button', href: filterHref(filter, page.nextBeforeId), 'data-testid': 'older-runs' }, 'Older runs')) : null,
    );
  }
  return { intervalMs: 60_000, refresh };
};
