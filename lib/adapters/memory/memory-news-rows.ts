import type { AnalysedNewsItem, NewsAnalysisRecord, StoredNewsItem } from '../../ports/news-store.port.ts';
import { asStoredJson, cloneJson } from './json-copy.ts';

/** A news item as the news_items row Postgres would store and read back (postgres/news.rows.ts). */
export function storedNewsItem({ item, analysis }: AnalysedNewsItem, id: number, storyId: number): StoredNewsItem {
  const json = asStoredJson({
    catalystWeight: analysis.catalystWeight,
    linkedSymbols: analysis.linkedSymbols,
    fingerprint: analysis.fingerprint,
    ...(analysis.companies ? { companies: analysis.companies } : {}),
    evidence: analysis.evidence,
  }) as Partial<NewsAnalysisRecord>;
  return {
    id,
    storyId,
    source: item.source,
    sourceId: item.sourceId,
    version: item.version,
    publishedAt: item.publishedAt,
    receivedAt: item.receivedAt,
    headline: item.headline,
    summary: item.summary,
    url: item.url,
    symbols: [...item.symbols],
    allSymbols: [...new Set([...item.symbols, ...analysis.linkedSymbols.map((l) => l.symbol)])],
    contentHash: item.contentHash,
    delayed: item.delayed === true,
    meta: asStoredJson(item.meta ?? {}),
    analysis: {
      sentimentScore: analysis.sentimentScore,
      sentimentLabel: analysis.sentimentLabel,
      catalystType: analysis.catalystType,
      catalystBlocksLong: analysis.catalystBlocksLong,
      catalystWeight: json.catalystWeight ?? 0,
      linkedSymbols: json.linkedSymbols ?? [],
      fingerprint: json.fingerprint ?? '',
      ...(json.companies ? { companies: json.companies } : {}),
      evidence: json.evidence ?? {},
    },
  };
}

/** A copy a caller may change without changing the store. */
export function copyNewsItem(i: StoredNewsItem): StoredNewsItem {
  return {
    ...i,
    symbols: [...i.symbols],
    allSymbols: [...i.allSymbols],
    meta: cloneJson(i.meta),
    analysis: {
      ...i.analysis,
      linkedSymbols: i.analysis.linkedSymbols.map((l) => ({ ...l })),
      ...(i.analysis.companies ? { companies: i.analysis.companies.map((c) => ({ ...c })) } : {}),
      evidence: cloneJson(i.analysis.evidence),
    },
  };
}
