import type { EpochMs, IsoDate } from './time.ts';

/** A bar (candle). Prices in the quote currency (USD), volume in shares (or coins for crypto). */
export interface Bar {
  /** Start of the bar. */
  t: EpochMs;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  /** Volume-weighted average price, when the source gives it. */
  vw?: number;
  /** Number of trades, when the source gives it. */
  n?: number;
}

/** `1Min`..`59Min`, `1Hour`..`23Hour`, `1Day`, `1Week`, `1Month`.. as Alpaca spells them. */
export type Timeframe = `${number}Min` | `${number}Hour` | '1Day' | '1Week' | `${number}Month`;

export interface Quote {
  t: EpochMs;
  bidPrice: number;
  bidSize: number;
  askPrice: number;
  askSize: number;
}

export interface TradeTick {
  t: EpochMs;
  price: number;
  size: number;
}

/** The latest state of one symbol, as Alpaca's snapshot endpoint gives it. */
export interface Snapshot {
  symbol: string;
  latestTrade: TradeTick | null;
  latestQuote: Quote | null;
  minuteBar: Bar | null;
  dailyBar: Bar | null;
  prevDailyBar: Bar | null;
}

export type AssetClass = 'us_equity' | 'crypto';

export interface Asset {
  symbol: string;
  name: string;
  exchange: string;
  assetClass: AssetClass;
  status: 'active' | 'inactive';
  tradable: boolean;
  shortable: boolean;
  easyToBorrow: boolean;
  fractionable: boolean;
  marginable: boolean;
  /** Smallest quantity step (crypto), in units of the asset; 1 for whole shares. */
  minTradeIncrement: number;
  /** Smallest price step, in USD. */
  priceIncrement: number;
  /** Smallest order quantity, in units of the asset. */
  minOrderSize: number;
}

/** The market clock: is the regular session open now, and when it next opens and closes. */
export interface MarketClock {
  now: EpochMs;
  isOpen: boolean;
  nextOpen: EpochMs;
  nextClose: EpochMs;
}

/** One trading day of the exchange calendar (early closes have an earlier `close`). */
export interface CalendarDay {
  date: IsoDate;
  /** Regular session open and close. */
  open: EpochMs;
  close: EpochMs;
  /** Extended session (pre-market start, after-hours end). */
  sessionOpen: EpochMs;
  sessionClose: EpochMs;
}

export interface Mover {
  symbol: string;
  percentChange: number;
  change: number;
  price: number;
}

export interface MostActive {
  symbol: string;
  volume: number;
  tradeCount: number;
}
