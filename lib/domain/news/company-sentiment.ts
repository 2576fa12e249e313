// Each linked company's own reading of an item: the target of a premium bid gains, the acquirer does not;
// "downgrade X, upgrade Y" moves X down and Y up; a research firm is not the subject of its own call.
import type { CatalystType } from './catalyst-rules.ts';
import type { Catalyst } from './catalyst.ts';
import { assignRoles, type EntityRole, type Mention } from './entity-roles.ts';
import type { AnalystAction } from './analyst-action.ts';
import type { NewsKindResult } from './news-kind.ts';
import { scoreFromRaw, type Sentiment } from './sentiment.ts';
import type { TickerLink } from './ticker-link.ts';

/** One company's reading of the item. */
export interface CompanyView {
  symbol: string;
  role: EntityRole;
  /** Signed score in [-1, 1] for this company: what a strategy trading it should read. */
  score: number;
  direction: 'positive' | 'negative' | 'neutral';
  /** |score|: how strongly the evidence points, in [0, 1]. */
  strength: number;
  catalyst: CatalystType | null;
  /** The phrases that decided this company's reading. */
  deciding: string[];
}

/** Links below this confidence are evidence only (as in lib/app/news/analyse-item.ts). */
export const MIN_COMPANY_CONFIDENCE = 0.6;

/** A deal target's score: positive, more so with a stated premium ("at a 40% premium"). */
const TARGET_BASE = 0.55;
const TARGET_PREMIUM_MAX = 0.35;
/** An acquirer pays: neutral at best, slightly negative when it pays a premium. */
const ACQUIRER_BASE = -0.1;
const ACQUIRER_PREMIUM = -0.15;
const PREMIUM_RE = /(\d+(?:\.\d+)?)\s?%\s*premium|premium of (?:about |nearly |roughly )?(\d+(?:\.\d+)?)\s?%/i;
const DEAL_OFF_RE = /\b(?:terminat\w*|abandon\w*|walks? away|withdraws? (?:its )?(?:bid|offer)|drops? (?:its )?(?:bid|offer|pursuit)|blocks?|blocked|rejects?|rejected|scraps?|scrapped|calls? off|called off|collapses?|collapsed|fall(?:s)? through|fell through)\b/i;
const SENTENCE_RE = /[.;!?\n]/;
const COORDINATED_RE = /^(?:\s*(?:group|inc|corp|corporation|co|holdings|ltd|plc)\b\.?)?[\s,&/]*(?:and\s+)?[\s,&/]*$/i;

interface Span {
  symbol: string;
  start: number;
  end: number;
}

/** A company leans one way from this score: its own phrases decide, and a weak lean is still a lean. */
const LEAN = 0.2;
/** The deciding "phrase" when no phrase scored and the learned model's reading of the words decided. */
const MODEL_READING = '(tone of the words: learned model)';
/** An offering dilutes the holders of the company selling shares: at least this negative. */
const DILUTION = -0.5;

function direction(score: number): CompanyView['direction'] {
  return score >= LEAN ? 'positive' : score <= -LEAN ? 'negative' : 'neutral';
}

function view(symbol: string, role: EntityRole, score: number, catalyst: CatalystType | null, deciding: string[]): CompanyView {
  const s = Math.round(Math.max(-1, Math.min(1, score)) * 1e4) / 1e4;
  return { symbol, role, score: s, direction: direction(s), strength: Math.abs(s), catalyst, deciding };
}

/** The first place each link is named in the text. */
export function mentionsOf(links: readonly TickerLink[]): Mention[] {
  const out: Mention[] = [];
  for (const l of links) {
    const spans = l.evidence.filter((e) => e.start >= 0).map((e) => ({ start: e.start, end: e.end })).sort((a, b) => a.start - b.start);
    const first = spans[0];
    out.push({ symbol: l.symbol, start: first?.start ?? -1, end: first?.end ?? -1, spans });
  }
  return out;
}

/** Splits the text's evidence among the companies: each phrase goes to the company named nearest before it in its sentence (else the nearest after). */
function evidenceByCompany(text: string, sentiment: Sentiment, mentions: readonly Mention[], owners: ReadonlySet<string>): Map<string, { raw: number; phrases: string[] }> {
  const out = new Map<string, { raw: number; phrases: string[] }>();
  const named: Span[] = [];
  for (const m of mentions) if (owners.has(m.symbol)) for (const s of m.spans) named.push({ symbol: m.symbol, start: s.start, end: s.end });
  named.sort((a, b) => a.start - b.start);
  for (const e of sentiment.evidence) {
    let best = -1;
    let bestDistance = Infinity;
    named.forEach((m, i) => {
      if (m.start < e.end && m.end > e.start) return;
      const between = m.end <= e.start ? text.slice(m.end, e.start) : text.slice(e.end, m.start);
      // A phrase reaches back across a comma to its company ("Coinbase, the exchange, jumps"), never forward.
      if (SENTENCE_RE.test(between) || (m.start >= e.end && between.includes(','))) return;
      // A company named before the phrase is its subject more often than one named after it.
      const distance = m.end <= e.start ? e.start - m.end : (m.start - e.end) * 2 + 1;
      if (distance < bestDistance) {
        best = i;
        bestDistance = distance;
      }
    });
    if (best < 0) continue;
    // Companies listed together ("Carnival and Royal Caribbean", "$CCL $RCL") share the phrase.
    const group = new Set([named[best]!.symbol]);
    for (let i = best - 1; i >= 0 && COORDINATED_RE.test(text.slice(named[i]!.end, named[i + 1]!.start)); i -= 1) group.add(named[i]!.symbol);
    for (let i = best + 1; i < named.length && COORDINATED_RE.test(text.slice(named[i - 1]!.end, named[i]!.start)); i += 1) group.add(named[i]!.symbol);
    for (const symbol of group) {
      const acc = out.get(symbol) ?? { raw: 0, phrases: [] };
      acc.raw += e.weight;
      acc.phrases.push(e.phrase);
      out.set(symbol, acc);
    }
  }
  return out;
}

/** The subject of an offering: dilution makes the reading negative whatever the words' tone. */
function dilute(v: CompanyView, catalyst: Catalyst): CompanyView {
  if (!catalyst.blocksLong || v.score <= DILUTION) return v;
  const phrase = catalyst.evidence.find((e) => e.type === 'offering-dilution')?.phrase ?? 'offering';
  return view(v.symbol, v.role, DILUTION, v.catalyst, [...v.deciding, phrase]);
}

function byAction(a: AnalystAction): number {
  return a.score;
}

/**
 * Reads the item for each linked company: its role, its own direction and strength, its catalyst and the
 * deciding phrases. A price recap or a calendar entry moves no company (direction neutral, strength 0).
 */
export function companyViews(text: string, links: readonly TickerLink[], sentiment: Sentiment, catalyst: Catalyst, kind: NewsKindResult, actions: readonly AnalystAction[]): CompanyView[] {
  // Only the companies the item is surely about: a weak name match ("apple pie") gets no reading.
  links = links.filter((l) => l.confidence >= MIN_COMPANY_CONFIDENCE);
  if (links.length === 0) return [];
  const mentions = mentionsOf(links);
  const roles = assignRoles(text, links, mentions, actions);
  if (kind.kind !== 'news') {
    return links.map((l) => view(l.symbol, roles.get(l.symbol)?.role ?? 'mentioned', 0, null, [`${kind.kind}: ${kind.evidence?.phrase ?? ''}`]));
  }
  const owners = new Set([...roles].filter(([, r]) => !r.firm).map(([s]) => s));
  const single = links.filter((l) => owners.has(l.symbol)).length <= 1;
  const split = single ? null : evidenceByCompany(text, sentiment, mentions, owners);
  const premium = PREMIUM_RE.exec(text);
  const premiumPct = premium ? Number(premium[1] ?? premium[2]) : 0;
  const dealOff = DEAL_OFF_RE.exec(text);
  // The company's phrases decide when there are any; the model's graded reading when there are none.
  const itemScore = sentiment.evidence.length > 0 && sentiment.rulesScore !== undefined ? sentiment.rulesScore : sentiment.score;
  // Without phrases, the model's reading of the words decides, and says so.
  const itemPhrases = sentiment.evidence.length > 0 ? sentiment.evidence.map((e) => e.phrase) : Math.abs(itemScore) >= LEAN ? [MODEL_READING] : [];
  const nonAction = sentiment.evidence.filter((e) => !actions.some((a) => e.start === a.start && e.end === a.end));

  return links.map((l) => {
    const r = roles.get(l.symbol) ?? { role: 'mentioned' as const, phrase: '' };
    if (r.firm) return view(l.symbol, 'mentioned', 0, null, [`research firm: ${r.phrase}`]);
    if (r.action) {
      // The action decides; other words in the item (the stock's move) add a little.
      const rest = single ? nonAction.reduce((s, e) => s + e.weight, 0) : 0;
      return view(l.symbol, r.role, byAction(r.action) + 0.1 * Math.tanh(rest), 'analyst-rating', [r.action.phrase]);
    }
    if (r.role === 'target' || r.role === 'acquirer') {
      if (dealOff) {
        const s = r.role === 'target' ? -0.6 : 0.1;
        return view(l.symbol, r.role, s, 'merger-acquisition', [r.phrase, dealOff[0]]);
      }
      const deciding = premium ? [r.phrase, premium[0]] : [r.phrase];
      const s = r.role === 'target' ? TARGET_BASE + TARGET_PREMIUM_MAX * Math.min(premiumPct, 60) / 60 : premium ? ACQUIRER_BASE + (ACQUIRER_PREMIUM * Math.min(premiumPct, 60)) / 60 : 0;
      return view(l.symbol, r.role, s, 'merger-acquisition', deciding);
    }
    if (single) return dilute(view(l.symbol, r.role, itemScore, catalyst.type, itemPhrases), catalyst);
    const own = split!.get(l.symbol);
    // A ticker only the source gave, that the text never names: the item's reading is all there is.
    const unnamed = !mentions.some((m) => m.symbol === l.symbol && m.start >= 0);
    if (!own && unnamed && r.role === 'subject') return dilute(view(l.symbol, r.role, itemScore, catalyst.type, itemPhrases), catalyst);
    if (!own) return view(l.symbol, r.role, 0, r.role === 'subject' ? catalyst.type : null, []);
    const v = view(l.symbol, r.role, scoreFromRaw(own.raw, text), r.role === 'subject' ? catalyst.type : null, own.phrases);
    return r.role === 'subject' ? dilute(v, catalyst) : v;
  });
}
