import type { EventGroup, EventStudyRun, SampleSummary } from '../api/research-types.ts';
import { linePlot } from '../charts/line-plot.ts';
import { h, fill, section, facts } from '../ui/dom.ts';
import { dateTime, num, words } from '../ui/format.ts';
import { assumptionList, bps } from './research-format.ts';

const horizonLabel = (h: string) => (h === 'close' ? 'close' : `+${h}`);

const meanT = (s: SampleSummary | undefined) => (s?.mean == null ? '—' : `${bps(s.mean)} (t ${num(s.t, 1)})`);

/** One dimension's groups as a table: per horizon the mean (t), then the last horizon's median, hit rate and CI, MAE and MFE. */
function groupTable(dimension: string, groups: EventGroup[], horizons: string[], pick: (g: EventGroup) => Record<string, SampleSummary> | null): HTMLElement {
  const last = horizons.at(-1)!;
  const head = [words(dimension), 'n', ...horizons.map((x) => `${horizonLabel(x)} mean (t)`), `${horizonLabel(last)} median`, 'hit', '95 % CI', 'MAE', 'MFE'];
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'grid', 'data-testid': `es-table-${dimension}` },
      h('thead', null, h('tr', null, head.map((c, i) => h('th', { class: i ? 'num' : null }, c)))),
      h(
        'tbody',
        null,
        groups.map((g) => {
          const f = pick(g);
          const end = f?.[last];
          const cells = [
            g.group, String(g.events), ...horizons.map((x) => meanT(f?.[x])), bps(end?.median), end?.hitRate == null ? '—' : `${(end.hitRate * 100).toFixed(0)} %`,
            end?.ci ? `${bps(end.ci[0])} … ${bps(end.ci[1])}` : '—', bps(g.meanMae), bps(g.meanMfe),
          ];
          return h('tr', { 'data-group': g.group }, cells.map((c, i) => h('td', { class: i ? 'num' : null, 'data-label': head[i] }, c)));
        }),
      ),
    ),
  );
}

/** A saved event study: the mean return after the news per catalyst at each horizon, then the group tables. */
export function renderEventStudy(el: HTMLElement, run: EventStudyRun): void {
  const s = run.settings;
  const dims = [...new Set(run.groups.map((g) => g.dimension))];
  const adjusted = run.groups.some((g) => g.adjusted);
  fill(
    el,
    h('h1', null, `Event study #${run.id}: ${run.from === run.to ? run.from : `${run.from} → ${run.to}`}`),
    h('p', { class: 'muted' }, `${run.events} events · settings digest `, h('code', null, run.settingsDigest.slice(0, 12)), ` · saved ${dateTime(run.finishedAt)}`),
    section(
      'Mean cumulative return after the news, by catalyst (bps, after the spread, in the direction of the news)',
      linePlot(
        s.horizons.map(horizonLabel),
        run.meanCumulativeByCatalyst.map((c) => ({ name: `${c.catalyst} (${c.events})`, values: c.points.map((p) => (p.mean === null ? null : p.mean * 10_000)) })),
        (y) => y.toFixed(0),
        { testId: 'es-curve' },
      ),
    ),
    section('Returns by group', ...dims.map((d) => groupTable(d, run.groups.filter((g) => g.dimension === d), s.horizons, (g) => g.returns))),
    adjusted
      ? section(`Market-adjusted (less ${s.indexSymbol ?? 'the index'})`, ...dims.map((d) => groupTable(`${d}-adjusted`, run.groups.filter((g) => g.dimension === d), s.horizons, (g) => g.adjusted)))
      : h('p', { class: 'muted small' }, `Not market-adjusted: no minute bars of ${s.indexSymbol ?? 'an index'} stored for the window.`),
    h(
      'div',
      { class: 'split' },
      section('Settings and assumptions', facts([['Symbols', s.symbols ? s.symbols.join(', ') : 'all stored'], ['Index', s.indexSymbol ?? '—'], ['Bootstrap', `${s.bootstrap.resamples} resamples, seed ${s.bootstrap.seed}`], ['Skipped', Object.entries(run.skipped).map(([k, v]) => `${words(k)} ${v}`).join(', ')]]), assumptionList([/^news latency/i.test(s.newsLatency) ? s.newsLatency : `News latency: ${s.newsLatency}`, `Spread: ${s.spreadModel}`]), h('p', { class: 'muted small' }, run.eventsNote)),
      section('Definitions', h('dl', { class: 'facts', 'data-testid': 'es-definitions' }, Object.entries(run.definitions).map(([k, v]) => h('div', null, h('dt', null, k), h('dd', { class: 'small' }, v))))),
    ),
  );
}
