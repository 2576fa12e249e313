// Two event studies side by side, per catalyst and horizon: each study's figures and the difference, highlighted
// only where reporting/research-compare's test (Welch, Holm-corrected) finds it significant.
import type { EventStudyComparison, SampleSummary } from '../api/research-types.ts';
import { h, section } from '../ui/dom.ts';
import { num } from '../ui/format.ts';
import { bps } from './research-format.ts';

type Cell = EventStudyComparison['catalysts'][number]['horizons'][number];

const horizonLabel = (x: string) => (x === 'close' ? 'to the close' : `+${x}`);
const pValue = (p: number) => (p < 0.001 ? p.toExponential(1) : p.toFixed(3));
const signedBps = (x: number) => `${x > 0 ? '+' : ''}${bps(x)}`;

const ci = (s: SampleSummary) => (s.ci ? ` · CI ${(s.ci[0] * 10_000).toFixed(1)} … ${(s.ci[1] * 10_000).toFixed(1)}` : '');

/** One study's figures at one horizon: mean (t), then hit rate and interval in small type. */
function sideCell(horizon: string, s: SampleSummary | null): HTMLElement {
  if (!s || s.mean === null) return h('td', { class: 'num muted', 'data-horizon': horizon }, '—');
  return h('td', { class: 'num', 'data-horizon': horizon }, `${bps(s.mean)} (t ${num(s.t, 1)})`, h('div', { class: 'muted small' }, `hit ${s.hitRate === null ? '—' : `${(s.hitRate * 100).toFixed(0)} %`}${ci(s)}`));
}

/** The difference at one horizon: its size, and its test (or why there is none); tinted only when significant. */
function diffCell(c: Cell): HTMLElement {
  const significant = c.test?.significant ?? false;
  const attrs = { class: `num${significant ? ' sig' : ''}`, 'data-horizon': c.horizon, 'data-significant': String(significant) };
  if (c.difference === null) return h('td', { ...attrs, class: 'num muted' }, '—');
  const detail = c.test ? `p ${pValue(c.test.p)} · Holm ${pValue(c.test.pAdjusted)}${significant ? ' · significant' : ''}` : `not tested: ${c.untested ?? ''}`;
  return h('td', attrs, signedBps(c.difference), h('div', { class: significant ? 'sig-note small' : 'muted small' }, detail));
}

type Row = EventStudyComparison['catalysts'][number];

/** A catalyst as three rows: study A, study B, and A − B. */
function catalystRows(c: Row): HTMLElement[] {
  const side = (key: 'a' | 'b', n: number) =>
    h('tr', { 'data-catalyst': c.catalyst, 'data-side': key }, key === 'a' ? h('td', { rowspan: 3 }, c.catalyst, c.shared ? h('div', { class: 'muted small' }, `${c.shared} shared`) : null) : null, h('td', null, key.toUpperCase()), h('td', { class: 'num n' }, String(n)), c.horizons.map((x) => sideCell(x.horizon, x[key])));
  return [side('a', c.eventsA), side('b', c.eventsB), h('tr', { 'data-catalyst': c.catalyst, 'data-side': 'diff', class: 'diff-row' }, h('td', null, 'A − B'), h('td', null, ''), c.horizons.map(diffCell))];
}

/** The comparison table with its method and caveats. */
export function eventStudyComparison(cmp: EventStudyComparison, titles: [string, string]): HTMLElement {
  return section(
    `Event studies side by side: A = ${titles[0]}, B = ${titles[1]} (mean return in bps after the spread, in the direction of the news; hit rate and bootstrap CI beneath)`,
    h('p', { class: 'small', 'data-testid': 'compare-events-method' }, cmp.method),
    h(
      'p',
      { class: 'small', 'data-testid': 'compare-events-verdict' },
      `${cmp.significant} of ${cmp.tests} tested differences significant after correction.`,
      cmp.sharedEvents ? ` The studies share ${cmp.sharedEvents} event(s): where a catalyst has any, its difference is shown but not tested.` : '',
      cmp.droppedHorizons.length ? ` Horizons in one study only, left out: ${cmp.droppedHorizons.join(', ')}.` : '',
    ),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'grid compare-events', 'data-testid': 'compare-events' },
        h('thead', null, h('tr', null, h('th', null, 'Catalyst'), h('th', null, ''), h('th', { class: 'num' }, 'n'), cmp.horizons.map((x) => h('th', { class: 'num' }, horizonLabel(x))))),
        h('tbody', null, cmp.catalysts.flatMap(catalystRows)),
      ),
    ),
  );
}
