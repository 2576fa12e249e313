import type { Quote } from '../domain/market.ts';
import type { AssetScope, QuoteScope } from './entry-scope.ts';
import { entryPriceOf } from './entry-scope.ts';
import { passed, refused, type GateResult } from './decisions.ts';
import { num, usd } from './risk-format.ts';

/** Market-quality entry checks that need a valid quote, in order: minimum price, spread, liquidity. */
export const MARKET_GATES: readonly ((s: QuoteScope) => GateResult)[] = [minPriceGate, spreadGate, liquidityGate];

/** Finds a valid, fresh quote for the symbol, or refuses: missing, crossed or non-positive, or stale. */
export function quoteGate({ intent, ctx, config }: AssetScope): GateResult & { quote?: Quote } {
  const market = ctx.markets[intent.symbol];
  if (!market) return refused('quote', 'market_data_missing', `No market data for ${intent.symbol}.`, { symbol: intent.symbol });
  const q = market.quote;
  if (!q) return refused('quote', 'quote_missing', `No quote for ${intent.symbol}.`, { symbol: intent.symbol });
  const ageSeconds = (ctx.now - q.t) / 1000;
  const inputs = { bidUsd: q.bidPrice, askUsd: q.askPrice, quoteAt: q.t, ageSeconds, maxQuoteAgeSeconds: config.maxQuoteAgeSeconds };
  const finite = [q.bidPrice, q.askPrice, q.t].every(Number.isFinite);
  if (!finite || !(q.bidPrice > 0) || !(q.askPrice >= q.bidPrice)) {
    return refused('quote', 'quote_invalid', `The ${intent.symbol} quote is unusable (bid ${q.bidPrice}, ask ${q.askPrice}).`, inputs);
  }
  if (ageSeconds > config.maxQuoteAgeSeconds) {
    return refused('quote', 'quote_stale', `The ${intent.symbol} quote is ${Math.round(ageSeconds)} s old (limit ${config.maxQuoteAgeSeconds} s).`, inputs);
  }
  return { ...passed('quote', inputs), quote: q };
}

/** Equities below minPriceUsd are refused (crypto prices say nothing about quality, so they are exempt). */
export function minPriceGate({ intent, asset, quote, config }: QuoteScope): GateResult {
  const priceUsd = entryPriceOf(intent, quote);
  const inputs = { priceUsd, minPriceUsd: config.minPriceUsd, assetClass: asset.assetClass };
  if (asset.assetClass === 'crypto' || priceUsd >= config.minPriceUsd) return passed('min_price', inputs);
  return refused('min_price', 'price_below_minimum', `${intent.symbol} at ${usd(priceUsd)} is below the ${usd(config.minPriceUsd)} minimum.`, inputs);
}

/** Refuses a quoted spread wider than maxSpreadBps of the mid. */
export function spreadGate({ intent, quote, config }: QuoteScope): GateResult {
  const mid = (quote.bidPrice + quote.askPrice) / 2;
  const spreadBps = ((quote.askPrice - quote.bidPrice) / mid) * 10_000;
  const inputs = { bidUsd: quote.bidPrice, askUsd: quote.askPrice, spreadBps, maxSpreadBps: config.maxSpreadBps };
  if (spreadBps <= config.maxSpreadBps) return passed('spread', inputs);
  return refused('spread', 'spread_too_wide', `The ${intent.symbol} spread is ${num(spreadBps)} bps (limit ${config.maxSpreadBps}).`, inputs);
}

/** Refuses a symbol whose average daily dollar volume is below minAvgDollarVolumeUsd. */
export function liquidityGate({ intent, market, config }: QuoteScope): GateResult {
  const inputs = { avgDailyDollarVolumeUsd: market.avgDailyDollarVolumeUsd, minAvgDollarVolumeUsd: config.minAvgDollarVolumeUsd, avgDailyVolume: market.avgDailyVolume };
  if (market.avgDailyDollarVolumeUsd >= config.minAvgDollarVolumeUsd) return passed('liquidity', inputs);
  return refused('liquidity', 'insufficient_liquidity', `${intent.symbol} trades ${usd(market.avgDailyDollarVolumeUsd)} a day on average (minimum ${usd(config.minAvgDollarVolumeUsd)}).`, inputs);
}
