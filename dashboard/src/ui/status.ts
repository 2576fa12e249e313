import type { Cycle, TradingState } from '../api/types.ts';
import { badge, h } from './dom.ts';
import { duration, time, words } from './format.ts';

export function stateBadge(s: TradingState | null): HTMLElement {
  const state = s?.state ?? 'UNKNOWN';
  return badge(state, state === 'ACTIVE' ? 'good' : state === 'REDUCING' ? 'warn' : state === 'HALTED' ? 'bad' : 'muted', s?.reason);
}

export function cycleBadge(status: string): HTMLElement {
  return badge(status, status === 'ok' ? 'good' : status === 'partial' ? 'warn' : status === 'failed' ? 'bad' : 'info');
}

const counts = (c: Record<string, number>) =>
  Object.entries(c)
    .filter(([, v]) => v !== 0)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

/** Stage timings as a bar of proportional segments, then each stage with its time, non-zero counts and error. */
export function stageStrip(c: Cycle): HTMLElement {
  const total = c.stages.reduce((s, x) => s + Math.max(x.ms, 1), 0) || 1;
  return h(
    'div',
    { class: 'stages' },
    h(
      'div',
      { class: 'strip', 'aria-hidden': 'true' },
      c.stages.map((s) => h('span', { class: s.ok ? 'ok' : 'bad', style: `flex-grow:${Math.max(s.ms, 1) / total}`, title: `${s.name} ${s.ms} ms` })),
    ),
    h(
      'ul',
      { class: 'stage-list' },
      c.stages.map((s) => {
        const n = counts(s.counts);
        return h(
          'li',
          { class: s.ok ? '' : 'bad', title: s.why },
          h('b', null, words(s.name)),
          ` ${duration(s.ms)}`,
          n ? h('span', { class: 'muted' }, ` (${n})`) : null,
          s.error ? h('span', { class: 'error' }, ` ${s.error.code}: ${s.error.message}`) : null,
        );
      }),
    ),
  );
}

/** One line about a cycle: when (trading clock), phase, status, and the stages' own run time (wall clock). */
export function cycleLine(c: Cycle): HTMLElement {
  const work = c.stages.reduce((sum, x) => sum + x.ms, 0);
  return h('span', null, cycleBadge(c.status), ` #${c.id} at ${time(c.startedAt)} ET, ${words(c.marketPhase)}`, c.finishedAt ? `, stages ran ${duration(work)}` : ', running');
}
