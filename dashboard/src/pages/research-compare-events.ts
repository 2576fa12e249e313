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

function side(label: string, s: SampleSummary | null): HTMLElement {
  if (!s || s.mean === null) return h('div', { class: 'muted' }, `${label} —`);
  const ci = s.ci ? ` · CI ${bps(s.ci[0])} … ${bps(s.ci[1])}` : '';
  const hit = s.hitRate === null ? '' : ` · hit ${(s.hitRate * 100).toFixed(0)} %`;
  return h('div', null, `${label} ${bps(s.mean)} (t ${num(s.t, 1)}, n ${s.n})${hit}${ci}`);
}

function cell(c: Cell): HTMLElement {
  const diff =
    c.difference === null
      ? h('div', { class: 'muted' }, 'Δ —')
      : c.test
        ? h('div', { class: c.test.significant ? 'sig-note' : 'muted' }, `Δ ${signedBps(c.difference)} · p ${pValue(c.test.p)}, Holm ${pValue(c.test.pAdjusted)}${c.test.significant ? ' · significant' : ' · not significant'}`)
        : h('div', { class: 'muted' }, `Δ ${signedBps(c.difference)} · not tested: ${c.untested ?? ''}`);
  return h('td', { class: `num stack${c.test?.significant ? ' sig' : ''}`, 'data-horizon': c.horizon, 'data-significant': String(c.test?.significant ?? false) }, side('A', c.a), side('B', c.b), diff);
}

/** The comparison table with its method and caveats. */
export function eventStudyComparison(cmp: EventStudyComparison, titles: [string, string]): HTMLElement {
  return section(
    `Event studies side by side: A = ${titles[0]}, B = ${titles[1]} (bps after the spread, in the direction of the news)`,
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
        h('thead', null, h('tr', null, h('th', null, 'Catalyst'), h('th', { class: 'num' }, 'Events A / B'), cmp.horizons.map((x) => h('th', { class: 'num' }, horizonLabel(x))))),
        h('tbody', null, cmp.catalysts.map((c) => h('tr', { 'data-catalyst': c.catalyst }, h('td', null, c.catalyst), h('td', { class: 'num' }, `${c.eventsA} / ${c.eventsB}${c.shared ? ` (${c.shared} shared)` : ''}`), c.horizons.map(cell)))),
      ),
    ),
  );
}
