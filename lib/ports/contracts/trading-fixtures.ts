import type { Account, Fill, Order } from '../../domain/orders.ts';
import type { BrokerSnapshot, NewIntent } from '../trading-store.port.ts';

/** Test data shared by the trading contracts: intents, broker orders, fills and snapshots as the broker reports them. */
export const T0 = Date.parse('2026-11-23T15:00:00Z');

export const intent = (cid: string, over: Partial<NewIntent> = {}): NewIntent => ({
  clientOrderId: cid, cycleId: 1, createdAt: T0, kind: 'entry', reason: 'earnings beat, breakout above the opening range',
  request: { clientOrderId: cid, symbol: 'ACME', side: 'buy', type: 'market', timeInForce: 'day', qty: 100 },
  plan: { stopPrice: 9.5, takeProfitPrice: 11, riskPerUnitUsd: 0.5, timeExitAt: null }, signalId: 7, storyId: 3, newsItemId: 11, risk: { approved: true, checks: ['daily_loss'] },
  ...over,
});

export const order = (id: string, cid: string, over: Partial<Order> = {}): Order => ({
  id, clientOrderId: cid, symbol: 'ACME', assetClass: 'us_equity', side: 'buy', type: 'market', timeInForce: 'day', orderClass: 'simple', status: 'new',
  qty: 100, notional: null, filledQty: 0, filledAvgPrice: null, limitPrice: null, stopPrice: null, trailPrice: null, trailPercent: null, hwm: null,
  extendedHours: false, createdAt: T0, updatedAt: T0, submittedAt: T0, filledAt: null, canceledAt: null, expiredAt: null, replacedBy: null, replaces: null, legs: [],
  ...over,
});

export const fill = (id: string, orderId: string, qty: number, price: number, at: number, over: Partial<Fill> = {}): Fill => ({
  id, orderId, symbol: 'ACME', side: 'buy', qty, price, at, cumQty: qty, leavesQty: 0, kind: 'fill', ...over,
});

export const account = (equity = 100_000): Account => ({
  id: 'acct', status: 'ACTIVE', currency: 'USD', cash: equity, equity, lastEquity: 100_000, buyingPower: 2 * equity, longMarketValue: 0, shortMarketValue: 0,
  initialMargin: 0, maintenanceMargin: 0, multiplier: 2, tradingBlocked: false, accountBlocked: false, shortingEnabled: true,
});

export const position = (symbol: string, side: 'long' | 'short', qty: number, price: number) => ({
  symbol, assetClass: 'us_equity' as const, side, qty, qtyAvailable: qty, avgEntryPrice: price, currentPrice: price, lastdayPrice: price,
  marketValue: qty * price, costBasis: qty * price, unrealizedPl: 0, unrealizedIntradayPl: 0,
});

export const snapshot = (at: number, parts: Partial<BrokerSnapshot> = {}): BrokerSnapshot => ({
  at, account: account(), positions: [], orders: [], fills: [], fillCursor: null, ...parts,
});
