import type { EpochMs } from './time.ts';
import type { AssetClass } from './market.ts';

export type OrderSide = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop' | 'stop_limit' | 'trailing_stop';
export type TimeInForce = 'day' | 'gtc' | 'opg' | 'cls' | 'ioc' | 'fok';
export type OrderClass = 'simple' | 'bracket' | 'oco' | 'oto';
export type OrderStatus =
  | 'new'
  | 'partially_filled'
  | 'filled'
  | 'done_for_day'
  | 'canceled'
  | 'expired'
  | 'replaced'
  | 'pending_cancel'
  | 'pending_replace'
  | 'accepted'
  | 'pending_new'
  | 'accepted_for_bidding'
  | 'stopped'
  | 'rejected'
  | 'suspended'
  | 'calculated'
  | 'held';

export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set(['filled', 'canceled', 'expired', 'replaced', 'rejected']);

/** What we ask the broker for. Quantities in units of the asset, prices in USD, unrounded until the adapter. */
export interface OrderRequest {
  /** Deterministic id (at most 128 characters) stored before the order is sent. */
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  timeInForce: TimeInForce;
  qty?: number;
  /** Dollar amount instead of qty (market day orders only). */
  notional?: number;
  limitPrice?: number;
  stopPrice?: number;
  trailPrice?: number;
  trailPercent?: number;
  extendedHours?: boolean;
  orderClass?: OrderClass;
  takeProfit?: { limitPrice: number };
  stopLoss?: { stopPrice: number; limitPrice?: number };
}

/** An order as the broker reports it. */
export interface Order {
  id: string;
  clientOrderId: string;
  symbol: string;
  assetClass: AssetClass;
  side: OrderSide;
  type: OrderType;
  timeInForce: TimeInForce;
  orderClass: OrderClass;
  status: OrderStatus;
  qty: number | null;
  notional: number | null;
  filledQty: number;
  filledAvgPrice: number | null;
  limitPrice: number | null;
  stopPrice: number | null;
  trailPrice: number | null;
  trailPercent: number | null;
  /** High-water mark of a trailing stop. */
  hwm: number | null;
  extendedHours: boolean;
  createdAt: EpochMs;
  updatedAt: EpochMs;
  submittedAt: EpochMs;
  filledAt: EpochMs | null;
  canceledAt: EpochMs | null;
  expiredAt: EpochMs | null;
  replacedBy: string | null;
  replaces: string | null;
  /** Child orders of a bracket/oco/oto (take-profit and stop-loss legs). */
  legs: Order[];
}

/** One execution (Alpaca's FILL / partial_fill activity). */
export interface Fill {
  /** Activity id, unique per execution. */
  id: string;
  orderId: string;
  symbol: string;
  side: OrderSide;
  /** Quantity of this execution. */
  qty: number;
  price: number;
  at: EpochMs;
  /** Order's cumulative filled quantity after this execution. */
  cumQty: number;
  leavesQty: number;
  kind: 'fill' | 'partial_fill';
}

export interface Position {
  symbol: string;
  assetClass: AssetClass;
  side: 'long' | 'short';
  /** Absolute quantity held, in units of the asset. */
  qty: number;
  qtyAvailable: number;
  avgEntryPrice: number;
  currentPrice: number;
  lastdayPrice: number;
  marketValue: number;
  costBasis: number;
  unrealizedPl: number;
  unrealizedIntradayPl: number;
}

export interface Account {
  id: string;
  status: string;
  currency: string;
  cash: number;
  equity: number;
  /** Equity at the previous trading day's close. */
  lastEquity: number;
  buyingPower: number;
  longMarketValue: number;
  shortMarketValue: number;
  initialMargin: number;
  maintenanceMargin: number;
  multiplier: number;
  tradingBlocked: boolean;
  accountBlocked: boolean;
  shortingEnabled: boolean;
}

/** Why the broker refused an order, in the project's words. */
export type RejectionReason =
  | 'insufficient_buying_power'
  | 'insufficient_qty'
  | 'wash_trade'
  /** Alpaca's equity/order ratio check (600 % of equity): the account may only close. */
  | 'equity_ratio'
  /** Alpaca's limit-price-away check: a limit far through the market. */
  | 'price_away'
  | 'invalid_price'
  | 'not_tradable'
  | 'invalid_request'
  | 'market_closed'
  | 'forbidden';

/**
 * The outcome of a submit. `unresolved` means the broker may or may not have the order (timeout, network
 * error, 5xx, and a lookup by client order id did not settle it): never send again, look it up later.
 */
export type SubmitOutcome =
  | { status: 'accepted'; order: Order }
  | { status: 'duplicate'; order: Order | null }
  | { status: 'rejected'; reason: RejectionReason; message: string; httpStatus: number; brokerCode?: number }
  | { status: 'unresolved'; message: string };

export interface OrderPatch {
  qty?: number;
  limitPrice?: number;
  stopPrice?: number;
  trail?: number;
  timeInForce?: TimeInForce;
  clientOrderId?: string;
}
