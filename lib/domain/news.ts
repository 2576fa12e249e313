import type { EpochMs } from './time.ts';

/**
 * One version of one news item from one source, normalised. A story edited at the source arrives again
 * with a later `version`; every version is stored.
 */
export interface NewsItem {
  /** Source adapter name: 'alpaca', 'alphavantage', 'newsapi', 'sec-edgar', 'rss:<feed>', 'sim'. */
  source: string;
  /** The source's own id for the story (stable across versions). */
  sourceId: string;
  /** The source's `updated_at` (or `published_at` when it has none): orders the versions. */
  version: EpochMs;
  publishedAt: EpochMs;
  /** When we received it (our clock): what "known at time t" is measured against. */
  receivedAt: EpochMs;
  headline: string;
  summary: string;
  url: string | null;
  /** Tickers the source gave, upper-case. */
  symbols: string[];
  /** sha256 of the normalised headline and summary. */
  contentHash: string;
  /** True when the source delays its items (NewsAPI's free tier: 24 h). */
  delayed?: boolean;
  /** Source-specific extras worth keeping (8-K item codes, source sentiment, author). */
  meta?: Record<string, unknown>;
}
