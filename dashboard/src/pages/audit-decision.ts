// The decision half of a trade's audit: the news that moved it, the scanner's candidate, the signal.
import type { Audit } from '../api/audit-types.ts';
import type { CompanyReading } from '../api/types.ts';
import { h, badge, facts, type Child } from '../ui/dom.ts';
import { dateTime, num, pct, price, usd, words, value } from '../ui/format.ts';

export function sentimentBadge(s: { label: string; score: number }): HTMLElement {
  return badge(`${s.label} ${s.score > 0 ? '+' : ''}${s.score.toFixed(2)}`, s.label === 'positive' ? 'good' : s.label === 'negative' ? 'bad' : 'muted', 'Sentiment');
}

/** One badge per linked company: its own direction and role, and the analyst action about it ("NVDA negative · downgrade"). */
export function companyBadges(companies: readonly CompanyReading[] | undefined): HTMLElement[] {
  return (companies ?? []).map((c) =>
    badge(
      `${c.symbol} ${c.direction}${c.role !== 'subject' ? ` (${c.role})` : ''}${c.action ? ` · ${words(c.action)}` : ''}`,
      c.direction === 'positive' ? 'good' : c.direction === 'negative' ? 'bad' : 'muted',
      'Per-company reading',
    ),
  );
}

export function catalystBadge(c: string | null): HTMLElement | null {
  return c ? badge(words(c), 'info', 'Catalyst') : null;
}

export function step(n: number, title: string, testId: string, ...children: Child[]): HTMLElement {
  return h('li', { class: 'step', 'data-testid': testId }, h('div', { class: 'step-no', 'aria-hidden': 'true' }, String(n)), h('div', { class: 'step-body' }, h('h3', null, title), ...children));
}

export function newsStep(a: Audit): HTMLElement {
  if (a.news.length === 0) return step(1, 'News', 'audit-news', h('p', { class: 'muted' }, 'No news item is linked to this trade (adopted, or entered without a catalyst).'));
  return step(
    1,
    'The news',
    'audit-news',
    a.news.map((n) => {
      const ev = n.analysis?.evidence;
      return h(
        'div',
        { class: 'news-item' },
        h('p', { class: 'headline' }, n.headline),
        h('p', null, sentimentBadge(n.sentiment), ' ', catalystBadge(n.catalyst)),
        facts([
          ['Source', `${n.source} · ${n.sourceId}`],
          ['Version', `${dateTime(n.version)} (item #${n.id}, story #${n.storyId})`],
          ['Published', dateTime(n.publishedAt)],
          ['Received', dateTime(n.receivedAt)],
        ]),
        ev?.catalyst?.length ? h('p', { class: 'small' }, 'Catalyst evidence: ', ev.catalyst.map((c) => h('mark', null, `${c.phrase} (${words(c.type)})`))) : null,
        ev?.sentiment?.length ? h('p', { class: 'small' }, 'Sentiment evidence: ', ev.sentiment.map((s) => h('mark', null, `${s.phrase} ×${s.weight}`))) : null,
      );
    }),
  );
}

const FEATURE_FORMAT: Record<string, (v: number) => string> = {
  price: price,
  gapPct: (v) => pct(v, true),
  relativeVolume: (v) => `${num(v)}×`,
  catalystScore: (v) => num(v),
  catalystAgeMinutes: (v) => `${num(v, 0)} min`,
  spreadBps: (v) => `${num(v, 1)} bps`,
  avgDollarVolume20d: (v) => usd(v).replace(/\.\d\d$/, ''),
};

function features(f: Record<string, unknown>): HTMLElement {
  const pairs = Object.entries(f)
    .filter(([k]) => k !== 'headline' && k !== 'storyIds')
    .map(([k, v]): [string, Child] => [words(k.replace(/([A-Z])/g, ' $1').toLowerCase()), typeof v === 'number' && FEATURE_FORMAT[k] ? FEATURE_FORMAT[k](v) : value(v)]);
  return facts(pairs);
}

export function candidateStep(a: Audit): HTMLElement {
  const c = a.candidate;
  if (!c) return step(2, 'The candidate', 'audit-candidate', h('p', { class: 'muted' }, 'No scanner candidate recorded for this trade.'));
  return step(
    2,
    `The candidate: rank ${c.rank} in cycle #${c.cycleId}, score ${num(c.score, 3)}`,
    'audit-candidate',
    h('ul', { class: 'reasons' }, c.reasons.map((x) => h('li', null, x))),
    h('details', null, h('summary', null, 'Features the scanner used'), features(c.features)),
  );
}

export function signalStep(a: Audit): HTMLElement {
  const s = a.signal;
  if (!s) return step(3, 'The signal', 'audit-signal', h('p', { class: 'muted' }, 'No signal recorded for this trade.'));
  const i = s.inputs ?? {};
  return step(
    3,
    `The signal: ${s.direction}, score ${num(s.score, 2)}${i.params?.minScore !== undefined ? ` (needs ${num(i.params.minScore, 2)})` : ''}`,
    'audit-signal',
    h('p', { class: 'explanation' }, s.explanation),
    i.components?.length
      ? h('table', { class: 'mini' }, h('tbody', null, i.components.map((c) => h('tr', null, h('th', null, words(c.name)), h('td', { class: 'num' }, num(c.value, 2)), h('td', null, c.why)))))
      : null,
    i.plan ? facts([['Entry', price(i.plan.entry)], ['Stop', `${price(i.plan.stop)} (${i.plan.stopBasis})`], ['Target', price(i.plan.target)], ['Risk per share', usd(i.plan.riskPerUnitUsd)]]) : null,
    i.regime ? h('p', null, 'Regime ', badge(i.regime.regime, 'info'), ': ', i.regime.reasons.join('; ')) : null,
    i.indicators ? h('details', null, h('summary', null, 'Indicator values at the decision'), facts(Object.entries(i.indicators).map(([k, v]): [string, Child] => [k, num(v, 4)]))) : null,
  );
}
