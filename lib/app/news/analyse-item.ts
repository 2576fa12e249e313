import type { Asset } from '../../domain/market.ts';
import type { NewsItem } from '../../domain/news.ts';
import type { NewsAnalysisRecord, SameStory } from '../../ports/news-store.port.ts';
import { analyseNews } from '../../domain/news/analyse-news.ts';
import { isSameStory } from '../../domain/news/similarity.ts';

/** Text links below this confidence are kept as evidence but do not tag the item with the symbol. */
export const MIN_LINK_CONFIDENCE = 0.6;

/** Analyses one item into what the news store records (sentiment, catalyst, linked symbols, fingerprint, evidence). */
export function analyseItem(item: NewsItem, assets: readonly Asset[]): NewsAnalysisRecord {
  const a = analyseNews({ headline: item.headline, summary: item.summary, symbols: item.symbols, ...(item.meta ? { meta: item.meta } : {}) }, assets);
  const given = new Set(item.symbols.map((s) => s.toUpperCase()));
  const linked = a.links.filter((l) => !given.has(l.symbol) && l.confidence >= MIN_LINK_CONFIDENCE);
  return {
    sentimentScore: a.sentiment.score,
    sentimentLabel: a.sentiment.label,
    catalystType: a.catalyst.type,
    catalystBlocksLong: a.catalyst.blocksLong,
    catalystWeight: a.catalyst.weight,
    linkedSymbols: linked.map((l) => ({ symbol: l.symbol, confidence: l.confidence })),
    fingerprint: a.fingerprint,
    companies: a.companies.map((c) => ({
      symbol: c.symbol, role: c.role, score: c.score, direction: c.direction, catalyst: c.catalyst,
      action: a.analystActions.find((x) => c.deciding.includes(x.phrase))?.action ?? null,
    })),
    evidence: {
      sentiment: a.sentiment.evidence, catalyst: a.catalyst.evidence, links: a.links, kind: a.kind,
      analystActions: a.analystActions, companies: a.companies,
    },
  };
}

/** The store's same-story test: near-identical headlines. */
export const sameStory: SameStory = (a, b) => isSameStory(a, b);
