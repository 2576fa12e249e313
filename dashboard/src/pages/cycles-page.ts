import type { PageFactory } from '../router.ts';
import type { Health } from '../api/types.ts';
import * as api from '../api/endpoints.ts';
import { h, fill, empty, badge, section } from '../ui/dom.ts';
import { table } from '../ui/table.ts';
import { duration, words } from '../ui/format.ts';
import { cycleLine, stageStrip } from '../ui/status.ts';

function healthView(hl: Health): HTMLElement[] {
  return [
    h('p', null, 'Overall ', badge(hl.status, hl.status === 'ok' ? 'good' : hl.status === 'degraded' ? 'warn' : 'bad'), ` · mode ${hl.mode}`),
    table<[string, Health['dependencies'][string]]>(
      [
        { label: 'Dependency', cell: ([n]) => n },
        { label: 'State', cell: ([, d]) => badge(d.ok ? 'up' : 'down', d.ok ? 'good' : 'bad') },
        { label: 'Latency', kind: 'num', cell: ([, d]) => `${d.latencyMs} ms` },
        { label: 'Error', cell: ([, d]) => d.error ?? '' },
      ],
      Object.entries(hl.dependencies),
      { testId: 'dependencies' },
    ),
    table<[string, Health['services'][string]]>(
      [
        { label: 'Service', cell: ([n]) => n },
        { label: 'Last success', cell: ([, s]) => (s.ageSeconds === null ? 'never' : s.ageSeconds < 1 ? 'just now' : `${duration(s.ageSeconds * 1000)} ago`) },
        { label: 'State', cell: ([, s]) => badge(s.stale ? 'stale' : s.lastSuccessAt ? 'fresh' : 'not run', s.stale ? 'bad' : s.lastSuccessAt ? 'good' : 'muted') },
        { label: 'Last error', cell: ([, s]) => s.lastErrorCode ?? '' },
      ],
      Object.entries(hl.services),
    ),
  ];
}

/** The coordinator's cycle timeline with stage timings and errors, and the health of every dependency. */
export const cyclesPage: PageFactory = ({ root }) => {
  const cyclesEl = h('div', { 'data-testid': 'cycles' }, h('p', { class: 'muted' }, 'Loading…'));
  const healthEl = h('div', { 'data-testid': 'health' });
  let limit = 25;
  root.append(h('h1', null, 'Cycles & health'), section('Health', healthEl), section('Cycle timeline (latest first)', cyclesEl));

  async function refresh(): Promise<void> {
    const [c, hl] = await Promise.all([api.cycles(limit), api.health()]);
    fill(healthEl, healthView(hl));
    fill(
      cyclesEl,
      c.cycles.length === 0
        ? empty('No cycle yet: the coordinator ticks every minute.')
        : h(
            'ol',
            { class: 'timeline' },
            c.cycles.map((x) =>
              h(
                'li',
                { class: x.errors.length ? 'has-errors' : '', 'data-cycle': String(x.id) },
                h('p', { class: 'cycle-head' }, cycleLine(x)),
                x.stages.length ? stageStrip(x) : h('p', { class: 'muted small' }, x.status === 'running' ? 'running…' : 'no stage was due'),
                x.errors.length ? h('ul', { class: 'errors' }, x.errors.map((e) => h('li', null, `${words(e.stage)}: ${e.code}: ${e.message}`))) : null,
              ),
            ),
          ),
      c.cycles.length >= limit ? h('button', { type: 'button', class: 'ghost', onclick: () => ((limit = Math.min(limit * 2, 400)), void refresh()) }, 'Show older cycles') : null,
    );
  }
  return { intervalMs: 10_000, refresh };
};
