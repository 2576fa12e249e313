import type { CompanyReading, StoredNewsItem } from '../../ports/news-store.port.ts';

export interface NewsItemRow {
  id: string;
  story_id: string;
  source: string;
  source_id: string;
  version: Date;
  published_at: Date;
  received_at: Date;
  headline: string;
  summary: string;
  url: string | null;
  source_symbols: string[];
  symbols: string[];
  content_hash: string;
  delayed: boolean;
  meta: Record<string, unknown>;
  sentiment_score: number;
  sentiment_label: 'positive' | 'negative' | 'neutral';
  catalyst_type: string | null;
  catalyst_blocks_long: boolean;
  analysis: { catalystWeight?: number; linkedSymbols?: { symbol: string; confidence: number }[]; fingerprint?: string; companies?: CompanyReading[]; evidence?: Record<string, unknown> };
}

/** Maps a news_items row to the stored item type. */
export function toStoredNewsItem(r: NewsItemRow): StoredNewsItem {
  return {
    id: Number(r.id),
    storyId: Number(r.story_id),
    source: r.source,
    sourceId: r.source_id,
    version: r.version.getTime(),
    publishedAt: r.published_at.getTime(),
    receivedAt: r.received_at.getTime(),
    headline: r.headline,
    summary: r.summary,
    url: r.url,
    symbols: r.source_symbols,
    allSymbols: r.symbols,
    contentHash: r.content_hash,
    delayed: r.delayed,
    meta: r.meta,
    analysis: {
      sentimentScore: r.sentiment_score,
      sentimentLabel: r.sentiment_label,
      catalystType: r.catalyst_type,
      catalystBlocksLong: r.catalyst_blocks_long,
      catalystWeight: r.analysis.catalystWeight ?? 0,
      linkedSymbols: r.analysis.linkedSymbols ?? [],
      fingerprint: r.analysis.fingerprint ?? '',
      ...(r.analysis.companies ? { companies: r.analysis.companies } : {}),
      evidence: r.analysis.evidence ?? {},
    },
  };
}
