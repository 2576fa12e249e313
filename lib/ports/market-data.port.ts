import type { EpochMs } from '../domain/time.ts';
import type { Bar, MostActive, Mover, Quote, Snapshot, Timeframe, TradeTick } from '../domain/market.ts';

export interface BarsQuery {
  symbols: readonly string[];
  timeframe: Timeframe;
  start: EpochMs;
  end?: EpochMs;
  /** Total bars across all symbols per page (Alpaca: at most 10,000). Adapters page through. */
  pageLimit?: number;
  adjustment?: 'raw' | 'split' | 'dividend' | 'all';
}

/** Counters of the calls an adapter made, for benchmarks and the "calls per scan" budget. */
export interface CallStats {
  calls: number;
  byEndpoint: Record<string, number>;
}

/**
 * Market data. Every method is multi-symbol: one call (plus pagination) serves a whole universe, so the
 * number of calls grows with pages, not with symbols.
 */
export interface MarketData {
  getBars(query: BarsQuery): Promise<Map<string, Bar[]>>;
  getLatestTrades(symbols: readonly string[]): Promise<Map<string, TradeTick>>;
  getLatestQuotes(symbols: readonly string[]): Promise<Map<string, Quote>>;
  getSnapshots(symbols: readonly string[]): Promise<Map<string, Snapshot>>;
  getMostActives(options: { by: 'volume' | 'trades'; top: number }): Promise<MostActive[]>;
  getMovers(options: { top: number; market: 'stocks' | 'crypto' }): Promise<{ gainers: Mover[]; losers: Mover[] }>;
  stats?(): CallStats;
}
