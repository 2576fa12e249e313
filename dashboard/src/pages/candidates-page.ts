import type { PageFactory } from '../router.ts';
import type { Candidate, NewsItem } from '../api/types.ts';
import * as api from '../api/endpoints.ts';
import { h, fill, empty, badge, section } from '../ui/dom.ts';
import { dateTime, num, pct, price, words } from '../ui/format.ts';
import { sentimentBadge, catalystBadge, companyBadges } from './audit-decision.ts';

const chartLink = (symbol: string) => h('a', { href: `#/chart/${encodeURIComponent(symbol)}`, class: 'symbol' }, symbol);

function candidateCard(c: Candidate): HTMLElement {
  const f = c.features as { price?: number; gapPct?: number; relativeVolume?: number; catalystType?: string; catalystScore?: number; direction?: string };
  const s = c.signal;
  return h(
    'article',
    { class: `candidate${c.blocked ? ' blocked' : ''}`, 'data-symbol': c.symbol },
    h(
      'header',
      null,
      h('span', { class: 'rank' }, `#${c.rank}`),
      chartLink(c.symbol),
      ` score ${num(c.score, 3)} `,
      f.direction ? badge(f.direction, f.direction === 'long' ? 'good' : 'bad') : null,
      c.blocked ? badge('blocked', 'bad') : null,
    ),
    h('p', { class: 'small muted' }, `Price ${price(f.price)} · gap ${pct(f.gapPct, true, 1)} · rel. volume ${num(f.relativeVolume, 1)}× · ${words(f.catalystType)} catalyst ${num(f.catalystScore, 2)}`),
    h('ul', { class: 'reasons' }, c.reasons.map((x) => h('li', null, x))),
    s
      ? h('div', { class: 'signal' }, h('b', null, 'Signal '), badge(s.direction, s.direction === 'long' ? 'good' : s.direction === 'short' ? 'bad' : 'muted'), ` score ${num(s.score, 2)}: `, s.explanation)
      : h('p', { class: 'small muted' }, c.blocked ? 'Not analysed: blocked by the scanner.' : 'No signal computed for it in this cycle.'),
  );
}

function newsRow(n: NewsItem): HTMLElement {
  return h(
    'li',
    { class: 'news', 'data-news-id': String(n.id) },
    h('div', { class: 'meta small muted' }, `${dateTime(n.publishedAt)} · ${n.source}`, n.symbols.length ? ' · ' : '', n.symbols.map((s) => [chartLink(s), ' '])),
    h('p', { class: 'headline' }, n.url ? h('a', { href: n.url, target: '_blank', rel: 'noopener noreferrer' }, n.headline) : n.headline),
    h('p', null, sentimentBadge(n.sentiment), ' ', catalystBadge(n.catalyst), n.blocksLong ? badge('blocks longs', 'bad') : null, n.delayed ? badge('delayed', 'warn') : null, ...companyBadges(n.companies).flatMap((b) => [' ', b])),
  );
}

/** The latest cycle's candidates with their reasons and signals, and the news feed with sentiment and catalysts. */
export const candidatesPage: PageFactory = ({ root, query }) => {
  const symbol = (query.get('symbol') ?? '').toUpperCase();
  const candEl = h('div', { 'data-testid': 'candidates' }, h('p', { class: 'muted' }, 'Loading…'));
  const newsEl = h('ul', { class: 'news-list', 'data-testid': 'news' });
  const candTitle = h('h2', null, 'Candidates');
  const filter = h('form', { class: 'filters' }, h('label', null, 'Symbol', h('input', { name: 'symbol', value: symbol, placeholder: 'all', maxlength: 15 })), h('button', { type: 'submit' }, 'Filter news'));
  filter.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = String(new FormData(filter).get('symbol') ?? '').trim().toUpperCase();
    location.hash = v ? `#/candidates?symbol=${encodeURIComponent(v)}` : '#/candidates';
  });
  root.append(h('h1', null, 'Candidates & news'), h('div', { class: 'split' }, h('section', { class: 'card' }, candTitle, candEl), section('News', filter, newsEl)));

  async function refresh(): Promise<void> {
    const [c, n] = await Promise.all([api.candidates(), api.news(60, symbol || undefined)]);
    candTitle.textContent = c.cycleId === null ? 'Candidates' : `Candidates of cycle #${c.cycleId}`;
    fill(candEl, c.candidates.length ? c.candidates.map(candidateCard) : empty('No scan has produced candidates yet (scans run in the trading window).'));
    fill(newsEl, n.news.length ? n.news.map(newsRow) : h('li', null, empty('No news yet.')));
  }
  return { intervalMs: 15_000, refresh };
};
