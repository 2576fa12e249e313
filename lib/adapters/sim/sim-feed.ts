import type { EpochMs } from '../../domain/time.ts';
import type { Asset, Bar, Quote } from '../../domain/market.ts';
import type { NewsItem } from '../../domain/news.ts';

/** One completed one-minute bar of one symbol. */
export interface SymbolBar {
  symbol: string;
  bar: Bar;
}

/**
 * What the simulated broker and simulated market data read: a world of one-minute bars, quotes and news
 * under simulated time. Implemented by the synthetic market (seeded) and by the replay of stored history.
 * Deterministic: the same inputs always give the same bars.
 */
export interface SimFeed {
  /** The tradable universe. */
  assets(): readonly Asset[];
  /**
   * One-minute bars of every symbol whose minute ended in (from, to], in time order (then symbol order).
   * A bar starting at `t` ends at `t + 60_000`.
   */
  barsBetween(from: EpochMs, to: EpochMs): Iterable<SymbolBar>;
  /**
   * barsBetween narrowed to `symbols`: the same bars in the same order, only fewer (the broker needs just the
   * symbols it has orders or positions in). Optional: without it the broker walks barsBetween.
   */
  barsOfSymbolsBetween?(symbols: ReadonlySet<string>, from: EpochMs, to: EpochMs): readonly SymbolBar[];
  /** One-minute bars of the given symbols starting in [from, to). */
  barsOf(symbols: readonly string[], from: EpochMs, to: EpochMs): Map<string, Bar[]>;
  /** The quote in force at `t` (null before the symbol's first bar). */
  quoteAt(symbol: string, t: EpochMs): Quote | null;
  /** News items first published (or updated) in (from, to], every version. */
  newsBetween(from: EpochMs, to: EpochMs): NewsItem[];
}
