// Test data builders for the risk tests (not a test file itself; imported by *.test.ts only).
import type { Asset, Quote } from '../domain/market.ts';
import type { Account, Order, Position } from '../domain/orders.ts';
import type { EntryIntent, ExitIntent, RiskContext, SymbolMarket } from './risk-context.ts';
import { sessionInfoAt } from './risk-context.ts';
import { initialTradingStatus } from './trading-state.ts';

/** Monday 2026-11-23, 10:00 New York: the regular session, six hours before the close. */
export const NOW = Date.parse('2026-11-23T15:00:00Z');

export function equityAsset(symbol: string, overrides: Partial<Asset> = {}): Asset {
  return {
    symbol, name: symbol, exchange: 'NASDAQ', assetClass: 'us_equity', status: 'active', tradable: true, shortable: true,
    easyToBorrow: true, fractionable: true, marginable: true, minTradeIncrement: 1, priceIncrement: 0.01, minOrderSize: 1, ...overrides,
  };
}

export function cryptoAsset(symbol: string, overrides: Partial<Asset> = {}): Asset {
  return {
    symbol, name: symbol, exchange: 'CRYPTO', assetClass: 'crypto', status: 'active', tradable: true, shortable: false,
    easyToBorrow: false, fractionable: true, marginable: false, minTradeIncrement: 0.0001, priceIncrement: 1, minOrderSize: 0.0001, ...overrides,
  };
}

export function quoteAt(priceUsd: number, overrides: Partial<Quote> = {}, now = NOW): Quote {
  const half = priceUsd >= 1000 ? 0.5 : 0.01;
  return { t: now - 1_000, bidPrice: priceUsd - half, bidSize: 100, askPrice: priceUsd + half, askSize: 100, ...overrides };
}

export function marketAt(priceUsd: number, overrides: Partial<SymbolMarket> = {}, now = NOW): SymbolMarket {
  return { quote: quoteAt(priceUsd, {}, now), avgDailyVolume: 5_000_000, avgDailyDollarVolumeUsd: priceUsd * 5_000_000, halted: false, ...overrides };
}

export function account(overrides: Partial<Account> = {}): Account {
  return {
    id: 'acct', status: 'ACTIVE', currency: 'USD', cash: 100_000, equity: 100_000, lastEquity: 100_000, buyingPower: 200_000,
    longMarketValue: 0, shortMarketValue: 0, initialMargin: 0, maintenanceMargin: 0, multiplier: 2, tradingBlocked: false,
    accountBlocked: false, shortingEnabled: true, ...overrides,
  };
}

export function position(symbol: string, qty: number, priceUsd: number, overrides: Partial<Position> = {}): Position {
  const side = overrides.side ?? 'long';
  const marketValue = (side === 'long' ? 1 : -1) * qty * priceUsd;
  return {
    symbol, assetClass: 'us_equity', side, qty, qtyAvailable: qty, avgEntryPrice: priceUsd, currentPrice: priceUsd, lastdayPrice: priceUsd,
    marketValue, costBasis: marketValue, unrealizedPl: 0, unrealizedIntradayPl: 0, ...overrides,
  };
}

export const PRICES: Readonly<Record<string, number>> = { AAPL: 100, MSFT: 200, TSLA: 250, NVDA: 50, AMD: 120, META: 300, 'BTC/USD': 60_000 };

/** A context at `overrides.now` (default NOW) with every symbol of PRICES quoted a second earlier. */
export function context(overrides: Partial<RiskContext> = {}): RiskContext {
  const now = overrides.now ?? NOW;
  const assets: Record<string, Asset> = {};
  const markets: Record<string, SymbolMarket> = {};
  for (const [symbol, price] of Object.entries(PRICES)) {
    assets[symbol] = symbol.includes('/') ? cryptoAsset(symbol) : equityAsset(symbol);
    markets[symbol] = marketAt(price, {}, now);
  }
  return {
    now,
    tradingStatus: initialTradingStatus(now - 3_600_000),
    account: account(),
    positions: [],
    openOrders: [],
    realizedPnlTodayUsd: 0,
    equityHighWaterMarkUsd: 100_000,
    recentExits: [],
    entriesPerNews: {},
    session: sessionInfoAt(now),
    markets,
    assets,
    ...overrides,
  };
}

/** A long entry on `symbol` with ATR 2.5 (a $5 stop at the default 2 × ATR) and its own news story. */
export function entry(symbol: string, overrides: Partial<EntryIntent> = {}): EntryIntent {
  return { kind: 'entry', intentId: `in-${symbol}`, symbol, side: 'long', strategy: 'momo', newsId: `news-${symbol}`, signalId: `sig-${symbol}`, atrUsd: 2.5, limitPriceUsd: null, ...overrides };
}

export function exit(symbol: string, qty: number | 'all' = 'all', overrides: Partial<ExitIntent> = {}): ExitIntent {
  return { kind: 'exit', intentId: `out-${symbol}`, symbol, qty, exitReason: 'operator_flatten', ...overrides };
}

/** A broker order as the Broker port returns it (legs nested). */
export function brokerOrder(over: Partial<Order> = {}): Order {
  return {
    id: `id-${over.clientOrderId ?? 'o'}`, clientOrderId: 'o', symbol: 'AAPL', assetClass: 'us_equity', side: 'buy', type: 'limit', timeInForce: 'day',
    orderClass: 'simple', status: 'new', qty: 10, notional: null, filledQty: 0, filledAvgPrice: null, limitPrice: 100, stopPrice: null, trailPrice: null,
    trailPercent: null, hwm: null, extendedHours: false, createdAt: NOW, updatedAt: NOW, submittedAt: NOW, filledAt: null, canceledAt: null,
    expiredAt: null, replacedBy: null, replaces: null, legs: [], ...over,
  };
}
