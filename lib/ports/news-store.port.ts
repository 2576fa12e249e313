import type { EpochMs } from '../domain/time.ts';
import type { NewsItem } from '../domain/news.ts';
import type { SkippedNewsItem } from './news-source.port.ts';

/** What the analysis concluded about one news item (persisted with it: every decision is explainable). */
export interface NewsAnalysisRecord {
  sentimentScore: number;
  sentimentLabel: 'positive' | 'negative' | 'neutral';
  catalystType: string | null;
  /** An offering or dilution: blocks new longs in the symbol. */
  catalystBlocksLong: boolean;
  /** Catalyst strength in [0, 1]. */
  catalystWeight: number;
  /** Symbols linked from the text (beyond the source's tickers), with confidence in [0, 1]. */
  linkedSymbols: { symbol: string; confidence: number }[];
  /** Near-duplicate fingerprint of the headline. */
  fingerprint: string;
  /**
   * Each linked company's own reading (role, signed score in [-1, 1], catalyst, analyst action): a deal's
   * target and acquirer, or "downgrade X, upgrade Y", read differently. Absent on items stored before it.
   */
  companies?: CompanyReading[];
  /** The evidence behind the scores (phrases matched, link evidence), stored as-is. */
  evidence: Record<string, unknown>;
}

/** One company's reading of a news item, as stored. */
export interface CompanyReading {
  symbol: string;
  role: 'acquirer' | 'target' | 'subject' | 'peer' | 'mentioned';
  score: number;
  direction: 'positive' | 'negative' | 'neutral';
  catalyst: string | null;
  /** The analyst action about this company ("downgrade", "price-target"...), or null. */
  action: string | null;
}

export interface AnalysedNewsItem {
  item: NewsItem;
  analysis: NewsAnalysisRecord;
}

/** A stored version of a news item, with its story. */
export interface StoredNewsItem extends NewsItem {
  id: number;
  storyId: number;
  /** Source tickers plus linked ones. */
  allSymbols: string[];
  analysis: NewsAnalysisRecord;
}

export interface IngestReport {
  /** New versions stored. */
  inserted: number;
  /** Versions already stored (same source, id and version). */
  duplicates: number;
  /** Stories created; other inserted items joined an existing story. */
  newStories: number;
  skipped: number;
}

/** Decides whether a new item is the same story as a stored one (near-identical headline). */
export type SameStory = (a: { headline: string; fingerprint: string }, b: { headline: string; fingerprint: string }) => boolean;

export interface NewsQuery {
  /** Point in time: only what had been received by then. */
  knownAt: EpochMs;
  /** Only items published (first version) after this. */
  publishedAfter?: EpochMs;
  symbols?: readonly string[];
  limit?: number;
}

/** Postgres is the record of every version; reads are point-in-time so backtests cannot look ahead. */
export interface NewsStore {
  ingest(items: readonly AnalysedNewsItem[], skipped: readonly SkippedNewsItem[], at: EpochMs): Promise<IngestReport>;
  /** The latest version of each item known at `knownAt`, newest first. */
  latestKnown(query: NewsQuery): Promise<StoredNewsItem[]>;
  /** Every stored version of one item, oldest first. */
  versions(source: string, sourceId: string): Promise<StoredNewsItem[]>;
  /** Newest version timestamp stored per source (for incremental fetching). */
  newestVersionBySource(): Promise<Map<string, EpochMs>>;
}
