import type { EpochMs } from '../domain/time.ts';
import type { NewsItem } from '../domain/news.ts';

export interface NewsQuery {
  /** Items created or updated after this time. */
  since: EpochMs;
  until?: EpochMs;
  symbols?: readonly string[];
  limit?: number;
}

/** An item the source sent that could not be normalised, with the reason (it is skipped, never guessed). */
export interface SkippedNewsItem {
  source: string;
  sourceId: string | null;
  reason: string;
}

export interface NewsBatch {
  items: NewsItem[];
  skipped: SkippedNewsItem[];
}

/** A news source: Alpaca (Benzinga), Alpha Vantage, NewsAPI, SEC EDGAR 8-K, RSS/Atom, or the simulator. */
export interface NewsSource {
  readonly name: string;
  fetchSince(query: NewsQuery): Promise<NewsBatch>;
}
