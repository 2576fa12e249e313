import type { EpochMs } from '../../../domain/time.ts';
import type { AssetClass } from '../../../domain/market.ts';
import { TERMINAL_STATUSES, type Fill, type Order, type OrderStatus } from '../../../domain/orders.ts';

/** Which exit of a bracket / oco / oto an order is (null for entries and simple orders). */
export type LegRole = 'take_profit' | 'stop_loss';

/**
 * An order as the simulator keeps it: the fields Alpaca reports (its legs are orders of their own, linked by
 * parentId) plus what the matching engine needs. Plain JSON (no Maps, no Dates) so it persists as one jsonb
 * value. `hwm`, for trailing stops: best price since activation (high for sells, low for buys).
 */
export interface SimOrder extends Omit<Order, 'legs'> {
  /** Sum of qty × price over this order's executions, USD (gives the average fill price). */
  filledValue: number;
  replacedAt: EpochMs | null;
  /** The entry order this exit belongs to (legs of bracket / oco / oto). */
  parentId: string | null;
  legRole: LegRole | null;
  /** Bars that start before this instant never fill the order (no look-ahead). */
  activeFrom: EpochMs;
  /** When the order stops working if it still is (day close, ioc/fok window, auctions); null = gtc. */
  deadline: EpochMs | null;
  /** Equities without extended hours fill only on regular-session bars; extended-hours orders on any session bar. */
  session: 'regular' | 'extended' | 'any';
  /** Opening / closing auction orders (opg / cls) fill only on that bar. */
  auction: 'open' | 'close' | null;
  /** A stop has triggered: the order now works as a market (stop, trailing) or limit (stop-limit). */
  triggered: boolean;
  /** Buy stops work as stop-limits at Alpaca: the protective limit once triggered. */
  protectLimit: number | null;
  /** The ask when the order was accepted (the bid for sells): what its buying-power reserve is priced at, as Alpaca prices it once at acceptance. */
  refPrice: number | null;
  /** Fees charged on this order so far, USD. */
  fees: number;
}

/** One execution, as Alpaca's FILL activity reports it, plus the fee the simulator charged. */
export interface SimFill extends Fill {
  fee: number;
  orderStatus: OrderStatus;
}

/** A position: signed quantity (negative = short) and average entry price. */
export interface SimPosition {
  symbol: string;
  assetClass: AssetClass;
  qty: number;
  avgEntryPrice: number;
  /** Last trade price: the close of the symbol's latest processed bar (or this account's latest fill). Positions are valued at it, as Alpaca values them at the last trade. */
  lastPrice: number;
  /** The last trade price at the previous regular-session close (null until the position has lived through one). */
  lastdayPrice: number | null;
  /** When the position was opened (or flipped): intraday P&L of a position opened today is measured from its cost. */
  openedAt: EpochMs;
}

/** The account: everything besides orders and fills, saved as one value per call. */
export interface AccountState {
  accountId: string;
  createdAt: EpochMs;
  /** Bars whose minute ended at or before this instant have been matched. */
  processedUntil: EpochMs;
  /** Counter behind deterministic order and activity ids. */
  seq: number;
  cash: number;
  /** Realized profit and loss of closed quantity, before fees, USD. */
  realizedPl: number;
  feesPaid: number;
  /** Equity and maintenance margin at the last regular-session close (Alpaca's last_equity). */
  lastEquity: number;
  lastMaintenanceMargin: number;
  /** The close those were taken at. */
  lastCloseAt: EpochMs;
  positions: Record<string, SimPosition>;
}

/** True for the statuses that never change again. */
export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** Quantity still to fill, in units (notional orders: unknown until priced, so Infinity). */
export function remainingQty(o: SimOrder): number {
  if (o.qty === null) return Number.POSITIVE_INFINITY;
  return Math.max(0, roundQty(o.qty - o.filledQty));
}

/** Rounds a quantity to 1e-9 units, Alpaca's finest fractional step, to keep float noise out of sums. */
export function roundQty(q: number): number {
  return Math.round(q * 1e9) / 1e9;
}

/** Rounds money to 1e-6 USD (internal precision; the wire shows what Alpaca shows). */
/** True when the account holds a position in anything. */
export function hasPositions(state: AccountState): boolean {
  for (const symbol in state.positions) if (Object.hasOwn(state.positions, symbol)) return true;
  return false;
}

export function roundMoney(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
