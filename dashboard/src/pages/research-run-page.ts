import type { PageFactory } from '../router.ts';
import * as api from '../api/endpoints.ts';
import { h, fill } from '../ui/dom.ts';
import { renderBacktest } from './research-backtest.ts';
import { renderEventStudy } from './research-event-study.ts';
import { renderWalkForward } from './research-walk-forward.ts';

/** One research run, in the view of its kind. A finished run does not change: it is fetched once. */
export const researchRunPage: PageFactory = ({ root, params }) => {
  const id = Number(params[0]);
  const body = h('div', { 'data-testid': 'research-run' }, h('p', { class: 'muted' }, 'Loading…'));
  root.append(h('p', null, h('a', { href: '#/research' }, '« Research')), body);
  let done = false;
  let dispose: (() => void) | undefined;

  async function refresh(): Promise<void> {
    if (done) return;
    if (!Number.isInteger(id) || id <= 0) {
      fill(body, h('p', { class: 'error' }, 'No such research run.'));
      done = true;
      return;
    }
    const run = await api.researchRun(id);
    dispose?.();
    if (run.kind === 'backtest') dispose = renderBacktest(body, run);
    else if (run.kind === 'event-study') renderEventStudy(body, run);
    else dispose = renderWalkForward(body, run);
    body.dataset.kind = run.kind;
    done = run.status === 'done';
  }
  return { intervalMs: 30_000, refresh, dispose: () => dispose?.() };
};
