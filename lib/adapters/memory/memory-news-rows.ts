import type { AnalysedNewsItem, NewsAnalysisRecord, StoredNewsItem } from '../../ports/news-store.port.ts';
import { asJsonb } from './memory-json.ts';
import { deepFreeze } from '../../shared/deep-freeze.ts';

/** A news item as the news_items row Postgres would store and read back (postgres/news.rows.ts). */
export function storedNewsItem({ item, analysis }: AnalysedNewsItem, id: number, storyId: number): StoredNewsItem {
  const json = asJsonb({
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
    meta: deepFreeze(asJsonb(item.meta ?? {})),
    analysis: {
      sentimentScore: analysis.sentimentScore,
      sentimentLabel: analysis.sentimentLabel,
      catalystType: analysis.catalystType,
      catalystBlocksLong: analysis.catalystBlocksLong,
      catalystWeight: json.catalystWeight ?? 0,
      linkedSymbols: json.linkedSymbols ?? [],
      fingerprint: json.fingerprint ?? '',
      ...(json.companies ? { companies: json.companies } : {}),
      evidence: deepFreeze(json.evidence ?? {}),
    },
  };
}

/**
 * A copy a caller may change without changing the store. `meta` and `evidence`, kept as they came and read
 * by no use case, are frozen and shared rather than copied on every read (the scanner reads hundreds of
 * items a tick): writing to them throws instead of reaching the store.
 */
export function copyNewsItem(i: StoredNewsItem): StoredNewsItem {
  const a = i.analysis;
  return {
    ...i,
    symbols: i.symbols.slice(),
    allSymbols: i.allSymbols.slice(),
    analysis: {
      ...a,
      linkedSymbols: a.linkedSymbols.length === 0 ? [] : a.linkedSymbols.map((l) => ({ ...l })),
      ...(a.companies ? { companies: a.companies.map((c) => ({ ...c })) } : {}),
    },
  };
}
