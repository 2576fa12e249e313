import type { Asset, Quote } from '../domain/market.ts';
import type { RiskConfig } from './risk-config.ts';
import type { EntryIntent, RiskContext, SymbolMarket } from './risk-context.ts';
import type { RiskReadings } from './risk-readings.ts';
import type { ExposureBook } from './exposure-book.ts';

/** What every entry check can see: the intent, the context, the limits, today's readings and the running book. */
export interface EntryScope {
  intent: EntryIntent;
  ctx: RiskContext;
  config: RiskConfig;
  readings: RiskReadings;
  book: ExposureBook;
}

/** An entry whose asset is known. */
export interface AssetScope extends EntryScope {
  asset: Asset;
}

/** An entry whose asset and a valid, fresh quote are known. */
export interface QuoteScope extends AssetScope {
  market: SymbolMarket;
  quote: Quote;
}

/** The price an entry is sized at: its limit, or the touch it would take (the ask for a long, the bid for a short). */
export function entryPriceOf(intent: EntryIntent, quote: Quote): number {
  return intent.limitPriceUsd ?? (intent.side === 'long' ? quote.askPrice : quote.bidPrice);
}
