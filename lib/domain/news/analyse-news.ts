import type { Asset } from '../market.ts';
import { parseAnalystActions, type AnalystAction } from './analyst-action.ts';
import { classifyCatalyst, type Catalyst } from './catalyst.ts';
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
  links: TickerLink[];
  fingerprint: string;
}

/**
 * A summary adds evidence but the headline says what the story is: when both score, the headline counts
 * this much; a summary alone (headline without scored phrases) counts half.
 */
const HEADLINE_SHARE = 0.7;

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
  const sentiment = combinedSentiment(item.headline, summary, tokens, analystActions);
  const found = classifyCatalyst(text, item.meta, tokens);
  const kind = classifyNewsKind(text, found.type, sentiment.evidence);
  return {
    sentiment,
    catalyst: kind.kind === 'news' ? found : notACatalyst(found),
    kind,
    analystActions: kind.kind === 'news' ? analystActions : [],
    links,
    fingerprint: headlineFingerprint(item.headline, tokens),
  };
}

/** A recap or calendar entry: no catalyst, but offering evidence still blocks longs. */
function notACatalyst(c: Catalyst): Catalyst {
  const secondary = c.type ? [{ type: c.type, weight: c.weight }, ...c.secondary] : c.secondary;
  return { type: null, blocksLong: c.blocksLong, weight: 0, evidence: c.blocksLong ? c.evidence.filter((e) => e.type === 'offering-dilution') : [], secondary };
}
