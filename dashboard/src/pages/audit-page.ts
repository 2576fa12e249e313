import type { PageFactory } from '../router.ts';
import * as api from '../api/endpoints.ts';
import { h, fill, badge, section } from '../ui/dom.ts';
import { dateTime, num, price } from '../ui/format.ts';
import { newsStep, candidateStep, signalStep } from './audit-decision.ts';
import { riskStep, ordersStep, fillsStep, exitStep, exitSentence } from './audit-execution.ts';

/**
 * One trade's decision audit as a chain a trader reads top to bottom: news item and version → candidate
 * → signal → risk gate → orders → fills → exit, with the two answers ("why in", "why out") on top.
 */
export const auditPage: PageFactory = ({ root, params }) => {
  const id = Number(params[0]);
  const body = h('div', { 'data-testid': 'audit' }, h('p', { class: 'muted' }, 'Loading…'));
  root.append(h('p', null, h('a', { href: '#/trades' }, '« Trades')), body);
  let closed = false;

  async function refresh(): Promise<void> {
    if (!Number.isInteger(id) || id <= 0) {
      fill(body, h('p', { class: 'error' }, 'No such trade.'));
      return;
    }
    // A closed trade's audit no longer changes: stop polling it.
    if (closed) return;
    const a = await api.audit(id);
    const t = a.trade;
    closed = t.exitAt !== null;
    const whyIn = a.signal?.explanation ?? a.entry?.reason ?? 'No recorded decision: the position was adopted from the broker.';
    fill(
      body,
      h('h1', null, `Trade #${t.id}: ${t.side} ${num(t.qty, 6)} ${t.symbol}`, t.adopted ? badge('adopted', 'warn') : null),
      h('p', { class: 'muted' }, `Entered ${price(t.entryPrice)} on ${dateTime(t.entryAt)}`, t.exitAt ? ` · exited ${price(t.exitPrice)} on ${dateTime(t.exitAt)}` : ' · open', ' · ', h('a', { href: `#/chart/${encodeURIComponent(t.symbol)}` }, 'Chart')),
      section(
        'In short',
        h('dl', { class: 'answers' }, h('dt', null, 'Why it took this trade'), h('dd', { 'data-testid': 'why-in' }, whyIn), h('dt', null, 'Why it exited'), h('dd', { 'data-testid': 'why-out' }, exitSentence(a))),
      ),
      h('ol', { class: 'chain' }, newsStep(a), candidateStep(a), signalStep(a), riskStep(a), ordersStep(a), fillsStep(a), exitStep(a)),
    );
  }
  return { intervalMs: 10_000, refresh };
};
