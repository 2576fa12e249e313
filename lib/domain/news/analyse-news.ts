import type { Asset } from '../market.ts';
import { parseAnalystActions, type AnalystAction } from './analyst-action.ts';
import { classifyCatalyst, type Catalyst } from './catalyst.ts';
import { companyViews, type CompanyView } from './company-sentiment.ts';
import { classifyNewsKind, type NewsKindResult } from './news-kind.ts';
import { sentimentLabel, scoreSentiment, type Sentiment } from './sentiment.ts';
import { headlineFingerprint } from './similarity.ts';
import { buildTickerIndex, linkTickers, type TickerIndex, type TickerLink } from './ticker-link.ts';
import { tokenize, type Token } from './tokens.ts';

/** A news item as analysis needs it: the headline, and what the source adds. */
export interface NewsInput {
  headline: string;
  summary?: string;
  /** Tickers the source gave (linked with confidence 1). */
  symbols?: readonly string[];
  /** Source extras; SEC 8-K item codes in `meta.items` (see sec-8k.ts). */
  meta?: Record<string, unknown>;
}

/**
 * What the text says: sentiment, catalyst, linked symbols and the headline's fingerprint. Evidence
 * positions are character offsets in `headline`, or in `headline + "\n" + summary` when there is a summary.
 */
export interface NewsAnalysis {
  /** The tone of the text (what a labelled sentiment set measures). */
  sentiment: Sentiment;
  /** The catalyst; always none for a price recap or a calendar entry (their types stay in `secondary`). */
  catalyst: Catalyst;
  /** News, a price-action recap, or a calendar entry, with the words that decided. */
  kind: NewsKindResult;
  /** Structured analyst actions (upgrade, downgrade, initiate, reiterate, price target). */
  analystActions: AnalystAction[];
  /** Each linked company's role, own direction and strength, catalyst and deciding phrases. */
  companies: CompanyView[];
  links: TickerLink[];
  fingerprint: string;
}

/**
 * A summary adds evidence but the headline says what the story is: when both score, the headline counts
 * this much; a summary alone (headline without scored phrases) counts half.
 */
const HEADLINE_SHARE = 0.7;

/** A name linked at least this surely is the company, not a word ("Gold" in "gold futures rise" is not masked). */
const MASK_CONFIDENCE = 0.6;

const indexes = new WeakMap<readonly Asset[], TickerIndex>();

function tickerIndex(assets: TickerIndex | readonly Asset[] | undefined): TickerIndex | undefined {
  if (assets === undefined || !Array.isArray(assets)) return assets as TickerIndex | undefined;
  let index = indexes.get(assets);
  if (!index) {
    index = buildTickerIndex(assets);
    indexes.set(assets, index);
  }
  return index;
}

function combinedSentiment(headline: string, summary: string, tokens: readonly Token[], actions: readonly AnalystAction[]): Sentiment {
  if (!summary) return scoreSentiment(headline, tokens, actions);
  const h = scoreSentiment(headline);
  const s = scoreSentiment(summary);
  const shift = headline.length + 1;
  const evidence = [...h.evidence, ...s.evidence.map((e) => ({ ...e, start: e.start + shift, end: e.end + shift }))];
  const score = h.evidence.length ? HEADLINE_SHARE * h.score + (1 - HEADLINE_SHARE) * s.score : 0.5 * s.score;
  const rounded = Math.round(score * 1e4) / 1e4;
  return { score: rounded, label: sentimentLabel(rounded), evidence };
}

/**
 * Analyses one news text or item: sentiment, catalyst (with 8-K codes from meta), and the symbols it
 * names. Pass a TickerIndex built once for a large asset list; a plain array is indexed on first use.
 */
export function analyseNews(input: string | NewsInput, assets?: TickerIndex | readonly Asset[]): NewsAnalysis {
  const item: NewsInput = typeof input === 'string' ? { headline: input } : input;
  const summary = item.summary?.trim() ?? '';
  const text = summary ? `${item.headline}\n${summary}` : item.headline;
  const tokens = tokenize(text);
  const links = linkTickers(text, tickerIndex(assets), tokens);
  for (const raw of item.symbols ?? []) {
    const symbol = raw.toUpperCase();
    const source = { kind: 'source' as const, text: symbol, start: -1, end: -1 };
    const found = links.find((l) => l.symbol === symbol);
    if (found) {
      found.confidence = 1;
      found.evidence.unshift(source);
    } else links.unshift({ symbol, confidence: 1, evidence: [source] });
  }
  links.sort((a, b) => b.confidence - a.confidence || a.symbol.localeCompare(b.symbol));
  const analystActions = parseAnalystActions(text);
  const sentiment = combinedSentiment(item.headline, summary, maskNames(tokens, links), analystActions);
  const actionEvidence = analystActions.map((a) => ({ type: 'analyst-rating' as const, phrase: a.phrase, start: a.start, end: a.end, confidence: 0.95 }));
  const found = classifyCatalyst(text, item.meta, tokens, actionEvidence);
  const kind = classifyNewsKind(text, found.type, sentiment.evidence, tokens);
  const catalyst = kind.kind === 'news' ? found : notACatalyst(found);
  const actions = kind.kind === 'news' ? analystActions : [];
  return {
    sentiment,
    catalyst,
    kind,
    analystActions: actions,
    companies: companyViews(text, links, sentiment, catalyst, kind, actions),
    links,
    fingerprint: headlineFingerprint(item.headline, tokens),
  };
}

/** Company names are no sentiment words ("Zoom shares fall", "Target cuts outlook"): their tokens match nothing. */
function maskNames(tokens: Token[], links: readonly TickerLink[]): Token[] {
  let out: Token[] | null = null;
  for (const l of links) {
    if (l.confidence < MASK_CONFIDENCE) continue;
    for (const e of l.evidence) {
      if (e.kind !== 'name' && e.kind !== 'short-name') continue;
      for (let i = 0; i < tokens.length; i += 1) {
        const t = tokens[i]!;
        if (t.start >= e.start && t.end <= e.end) (out ??= [...tokens])[i] = { ...t, key: '<co>' };
      }
    }
  }
  return out ?? tokens;
}

/** A recap or calendar entry: no catalyst, but offering evidence still blocks longs. */
function notACatalyst(c: Catalyst): Catalyst {
  const secondary = c.type ? [{ type: c.type, weight: c.weight }, ...c.secondary] : c.secondary;
  return { type: null, blocksLong: c.blocksLong, weight: 0, evidence: c.blocksLong ? c.evidence.filter((e) => e.type === 'offering-dilution') : [], secondary };
}
