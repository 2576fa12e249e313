import type { Asset } from '../../../domain/market.ts';
import type { EpochMs, IsoDate } from '../../../domain/time.ts';
import type { NewsItem } from '../../../domain/news.ts';

/** Industry group of a synthetic company: decides its name, exchange and which catalysts it can get. */
export type Sector =
  | 'technology'
  | 'biotech'
  | 'healthcare'
  | 'financials'
  | 'energy'
  | 'consumer'
  | 'industrials'
  | 'utilities'
  | 'real_estate'
  | 'communication'
  | 'crypto';

/** Size class: sets price range, liquidity, volatility and how hard news moves the stock. */
export type Tier = 'mega' | 'large' | 'mid' | 'small' | 'micro' | 'crypto';

/** Everything the generator knows about one symbol besides its Asset record. */
export interface AssetProfile {
  asset: Asset;
  sector: Sector;
  tier: Tier;
  /** Price on the market's first day, in USD. */
  basePrice: number;
  /** Expected regular-session volume, in shares (coins for crypto). */
  averageDailyVolume: number;
  /** Sensitivity to the shared market factor (the crypto factor for crypto). */
  beta: number;
  /** Long-run idiosyncratic volatility, as a fraction per day (0.02 = 2 %). */
  dailyVolatility: number;
  /** Expected news items per weekday (weekends get a fifth of it). */
  newsPerDay: number;
  /** Typical quoted spread in the regular session, in basis points of the price. */
  spreadBps: number;
  /** Average shares (coins) per trade: turns volume into a trade count. */
  averageTradeSize: number;
  /** Prices are stored as integers of 1/priceScale USD. */
  priceScale: number;
}

/** Why a story moved (or did not move) its stock. */
export type Catalyst =
  | 'earnings_beat'
  | 'earnings_miss'
  | 'guidance_raise'
  | 'guidance_cut'
  | 'analyst_upgrade'
  | 'analyst_downgrade'
  | 'fda_approval'
  | 'fda_rejection'
  | 'merger_acquisition'
  | 'contract_win'
  | 'offering'
  | 'legal'
  | 'executive_change'
  | 'buyback'
  | 'macro'
  | 'noise';

/**
 * The market's reaction to one story: the price moves by `logImpact` (natural log of the price ratio),
 * realised as 1 - exp(-elapsed / priceTauMinutes); volume is multiplied by
 * 1 + volumeBurst·exp(-elapsed / 20 min) + volumeTail·exp(-elapsed / volumeTailMinutes).
 */
export interface Reaction {
  logImpact: number;
  /** exp(logImpact) - 1: the settled move as a fraction (0.08 = +8 %). */
  priceImpact: number;
  priceTauMinutes: number;
  volumeBurst: number;
  volumeTail: number;
  volumeTailMinutes: number;
}

/** The generator's internal record of one story about one symbol (or the whole market for macro news). */
export interface EventCore {
  id: string;
  /** Universe index of the subject, or -1 for macro news. */
  symbolIndex: number;
  date: IsoDate;
  catalyst: Catalyst;
  publishedAt: EpochMs;
  reaction: Reaction;
  /** When the story is edited at the source (a second version), or null. */
  updatedAt: EpochMs | null;
}

/** One simulated story with its ground truth: what kind of news it was and how the market reacted. */
export interface SyntheticNewsEvent {
  id: string;
  /** The subject's symbol, or null for macro news (which moves every stock through its beta). */
  symbol: string | null;
  catalyst: Catalyst;
  publishedAt: EpochMs;
  reaction: Reaction;
  /** Every version of the item, oldest first (the same sourceId, increasing `version`). */
  versions: NewsItem[];
}

export interface SyntheticMarketOptions {
  seed: number;
  /** First day of the simulated history (New York date): no bars or news exist before it. */
  start: IsoDate;
  /** Number of US equities (default 50). */
  symbols?: number;
  /** Crypto pairs trading around the clock: false (default), true (BTC, ETH, SOL) or how many (1-5). */
  crypto?: boolean | number;
  /** Multiplies every symbol's news rate (default 1). */
  newsRate?: number;
  /** Upper bound of one-minute bars held in memory (default 4,000,000, about 200 MB). */
  cacheBars?: number;
}
