import type { EpochMs, IsoDate } from '../domain/time.ts';
import type { Asset, AssetClass, CalendarDay, MarketClock } from '../domain/market.ts';
import type { Account, Fill, Order, OrderPatch, OrderRequest, Position, SubmitOutcome } from '../domain/orders.ts';

export interface OrderQuery {
  status: 'open' | 'closed' | 'all';
  after?: EpochMs;
  until?: EpochMs;
  /** At most 500 per page at Alpaca; adapters page through. */
  limit?: number;
  symbols?: string[];
  nested?: boolean;
  direction?: 'asc' | 'desc';
}

export interface FillQuery {
  after?: EpochMs;
  until?: EpochMs;
  /** Opaque cursor from the previous page. */
  pageToken?: string;
  pageSize?: number;
}

export interface FillPage {
  fills: Fill[];
  nextPageToken: string | null;
}

/**
 * An order or position at the broker in an asset class Catalyst does not trade (an option, a multi-leg
 * options order, an IPO indication): left out of the listings, never managed, reported so it is recorded.
 */
export interface UnmanagedEntry {
  endpoint: string;
  kind: 'order' | 'position' | 'fill';
  /** The broker's order id (a fill: its order's); null for a position. */
  id: string | null;
  /** The symbol (a multi-leg order: its legs' symbols, comma-separated). */
  symbol: string;
  assetClass: string;
  orderClass?: string;
}

/**
 * The broker: Alpaca in paper and live, the simulator in sim and backtest. Errors are AppErrors: transport
 * failures are retryable, refusals are not. `submitOrder` never throws for a refusal: it returns the outcome.
 */
export interface Broker {
  getAccount(): Promise<Account>;
  getClock(): Promise<MarketClock>;
  getCalendar(start: IsoDate, end: IsoDate): Promise<CalendarDay[]>;
  getAssets(filter?: { assetClass?: AssetClass; status?: 'active' | 'inactive' }): Promise<Asset[]>;
  getAsset(symbol: string): Promise<Asset | null>;
  getPositions(): Promise<Position[]>;
  /** Submits once; an ambiguous answer is resolved by a lookup by client order id, never by resending. */
  submitOrder(request: OrderRequest): Promise<SubmitOutcome>;
  getOrder(id: string): Promise<Order | null>;
  getOrderByClientOrderId(clientOrderId: string): Promise<Order | null>;
  listOrders(query: OrderQuery): Promise<Order[]>;
  cancelOrder(id: string): Promise<void>;
  /** Replaces an open order; the broker answers with a new order (new id). */
  replaceOrder(id: string, patch: OrderPatch): Promise<Order>;
  /** Closes (part of) a position with a market order. */
  closePosition(symbol: string, options?: { qty?: number; percentage?: number }): Promise<Order>;
  getFills(query: FillQuery): Promise<FillPage>;
}
