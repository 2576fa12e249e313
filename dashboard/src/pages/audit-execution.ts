// The execution half of a trade's audit: the risk gate, the orders, the fills and why it exited.
import type { Audit, RiskCheck } from '../api/audit-types.ts';
import { h, badge, facts, type Child } from '../ui/dom.ts';
import { table } from '../ui/table.ts';
import { dateTime, num, price, r, signedUsd, tone, words, value } from '../ui/format.ts';
import { step } from './audit-decision.ts';

function inputs(c: RiskCheck): string {
  return Object.entries(c.inputs ?? {})
    .map(([k, v]) => `${k} ${/At$/.test(k) && typeof v === 'number' ? dateTime(v) : value(v)}`)
    .join(', ');
}

/** The parent order first, then its legs, then any later order (a moved stop). */
const orderRank = (o: Audit['orders'][number]) => (o.parentId ? 1 : 0);

export function riskStep(a: Audit): HTMLElement {
  const e = a.entry;
  if (!e) return step(4, 'The risk gate', 'audit-risk', h('p', { class: 'muted' }, 'No entry intent: the position was adopted from the broker.'));
  const checks = e.risk?.checks ?? [];
  const failed = checks.filter((c) => !c.passed).length;
  return step(
    4,
    `The risk gate: ${checks.length} checks, ${failed === 0 ? 'all passed' : `${failed} failed`}`,
    'audit-risk',
    e.risk?.approval ? h('p', { class: 'explanation' }, e.risk.approval.message) : null,
    h(
      'ul',
      { class: 'checks' },
      checks.map((c) => h('li', { class: c.passed ? '' : 'denied' }, badge(c.passed ? 'passed' : 'denied', c.passed ? 'good' : 'bad'), h('b', null, words(c.check)), ' ', h('span', { class: 'small muted' }, c.reason ? `${c.reason} · ` : '', inputs(c)))),
    ),
    h('p', { class: 'small' }, 'Entry intent: ', h('code', null, e.clientOrderId), ` (${words(e.status)})`),
    h('p', { class: 'reason' }, e.reason),
  );
}

export function ordersStep(a: Audit): HTMLElement {
  type O = Audit['orders'][number];
  return step(
    5,
    `The orders (${a.orders.length})`,
    'audit-orders',
    a.orders.length === 0
      ? h('p', { class: 'muted' }, 'No order recorded.')
      : table<O>(
          [
            { label: 'Order', cell: (o) => (o.parentId ? `${o.type === 'limit' ? 'take-profit' : 'stop-loss'} leg` : `${o.type} (parent)`) },
            { label: 'Side', cell: (o) => o.side },
            { label: 'Qty', kind: 'num', cell: (o) => `${num(o.filledQty, 6)} / ${num(o.qty, 6)}` },
            { label: 'Price', kind: 'num', cell: (o) => (o.limitPrice ? `limit ${price(o.limitPrice)}` : o.stopPrice ? `stop ${price(o.stopPrice)}` : 'market') },
            { label: 'Filled at', kind: 'num', cell: (o) => price(o.filledAvgPrice) },
            { label: 'Status', cell: (o) => badge(words(o.status), o.status === 'filled' ? 'good' : o.status === 'canceled' ? 'muted' : 'info') },
            { label: 'Client order id', kind: 'wide', cell: (o) => h('code', { class: 'small' }, o.clientOrderId) },
          ],
          [...a.orders].sort((x, y) => orderRank(x) - orderRank(y)),
        ),
  );
}

export function fillsStep(a: Audit): HTMLElement {
  type F = Audit['fills'][number];
  return step(
    6,
    `The fills (${a.fills.length})`,
    'audit-fills',
    a.fills.length === 0
      ? h('p', { class: 'muted' }, 'No fill yet.')
      : table<F>(
          [
            { label: 'Time', cell: (f) => dateTime(f.at) },
            { label: 'Side', cell: (f) => f.side },
            { label: 'Qty', kind: 'num', cell: (f) => num(f.qty, 6) },
            { label: 'Price', kind: 'num', cell: (f) => price(f.price) },
            { label: 'Leg', cell: (f) => words(f.leg) },
          ],
          a.fills,
        ),
  );
}

/** The exit in one sentence: which order closed it, at what price, why that order was there, and what it made. */
export function exitSentence(a: Audit): string {
  const t = a.trade;
  if (t.exitAt === null) {
    const p = a.entry?.plan;
    return `Still open. It exits at the stop ${price(p?.stopPrice)}, the target ${price(p?.takeProfitPrice)}${p?.timeExitAt ? `, or by ${dateTime(p.timeExitAt)}` : ''}.`;
  }
  const exitSide = t.side === 'long' ? 'sell' : 'buy';
  // The order that closed it is the last one on the exit side that filled (a moved stop replaces the first).
  const closer = a.orders.filter((o) => o.side === exitSide && o.filledQty > 0).at(-1);
  const moved = a.exit ? ` (placed there because: ${a.exit.reason})` : '';
  const how =
    closer?.stopPrice !== null && closer?.stopPrice !== undefined
      ? `the stop at ${price(closer.stopPrice)} triggered${moved || ' (the protective stop set at entry)'}`
      : closer?.limitPrice !== null && closer?.limitPrice !== undefined && closer.parentId
        ? `the take-profit limit at ${price(closer.limitPrice)} filled`
        : a.exit
          ? `an exit order was sent: ${a.exit.reason}`
          : 'the position was closed outside the orders Catalyst placed';
  return `Exited (${words(t.exitReason)}): ${how}; ${exitSide === 'sell' ? 'sold' : 'bought'} at ${price(t.exitPrice)} on ${dateTime(t.exitAt)}, ${signedUsd(t.pnlUsd)} (${r(t.rMultiple)}).`;
}

export function exitStep(a: Audit): HTMLElement {
  const t = a.trade;
  const pairs: [string, Child][] = [
    ['Exit reason', t.exitReason ? badge(words(t.exitReason), t.exitReason === 'take_profit' ? 'good' : t.exitReason === 'stop_loss' ? 'bad' : 'info') : 'open'],
    ['P&L', h('span', { class: tone(t.pnlUsd) }, signedUsd(t.pnlUsd))],
    ['R multiple', h('span', { class: tone(t.rMultiple) }, r(t.rMultiple))],
  ];
  if (a.exit) pairs.push(['Exit intent', `${a.exit.reason} (${a.exit.clientOrderId}, ${words(a.exit.status)})`]);
  return step(7, 'The exit', 'audit-exit', h('p', { class: 'explanation' }, exitSentence(a)), facts(pairs));
}
