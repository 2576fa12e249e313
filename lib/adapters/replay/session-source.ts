import type { Asset, Bar, Timeframe } from '../../domain/market.ts';
import type { EpochMs } from '../../domain/time.ts';
import type { NewsItem } from '../../domain/news.ts';
import type { BarColumns } from '../sim/market/bar-rows.ts';

/** What a streamed replay knows before its first session: small things, held whole. */
export interface StreamPlan {
  /** One record per replayed symbol (any order; the feed sorts them). */
  assets: readonly Asset[];
  /** Each symbol's daily bars before its streamed series starts (previous closes, average volumes), time order. */
  context: ReadonlyMap<string, readonly Bar[]>;
  /** The timeframe of each symbol's streamed series (bars a session at a time). */
  streamed: ReadonlyMap<string, Timeframe>;
  /** Bars starting in [from, to) are replayed; streaming starts at `streamFrom` (a New York midnight). */
  from: EpochMs;
  to: EpochMs;
  streamFrom: EpochMs;
  /** News versioned in [newsFrom, to) is replayed. */
  newsFrom: EpochMs;
  /** The first and last bar start of the whole history (null when empty). */
  span(): { first: EpochMs; last: EpochMs } | null;
  /** Known quoted spreads, bps (see ReplayFeedInput.spreadBps). */
  spreadBps?: number | Readonly<Record<string, number>>;
}

/**
 * One session's worth of history: streamed bars starting in [from, to) by symbol, news versioned in [newsFrom, to).
 * A source that holds bars as arrays may hand them over as columns (no object per bar).
 */
export interface SessionData {
  bars: ReadonlyMap<string, readonly Bar[] | BarColumns>;
  news: readonly NewsItem[];
}

/**
 * Where a streamed replay reads history: stored history in Postgres (one query per timeframe and one for
 * news per session) or the synthetic market (no database).
 */
export interface SessionSource {
  plan(): Promise<StreamPlan>;
  load(window: { from: EpochMs; to: EpochMs; newsFrom: EpochMs }): Promise<SessionData>;
}
