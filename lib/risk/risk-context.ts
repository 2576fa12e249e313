import type { EpochMs } from '../domain/time.ts';
import type { Asset, Quote } from '../domain/market.ts';
import type { Account, Order, OrderSide, Position } from '../domain/orders.ts';
import type { PositionSide } from '../domain/increments.ts';
import type { SessionPhase } from '../domain/calendar/nyse-calendar.ts';
import { calendarDay, sessionPhaseAt } from '../domain/calendar/nyse-calendar.ts';
import { newYorkDate } from '../domain/calendar/new-york-time.ts';
import type { TradingStatus } from './trading-state.ts';
import type { ExitReason } from './exit-reasons.ts';

/** Market facts about one symbol that the gate needs. */
export interface SymbolMarket {
  quote: Quote | null;
  /** Average daily volume over the scanner's lookback, in units of the asset (shares, coins). */
  avgDailyVolume: number;
  avgDailyDollarVolumeUsd: number;
  /** A trading halt or LULD pause is in effect. */
  halted: boolean;
  /** What showed the halt (see halt-detection.ts), for the denial's message. */
  haltReason?: string;
}

/** An open order as the gate sees it: what it will add to the book (entry) or take away (exit) once filled. */
export interface RiskOpenOrder {
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  purpose: 'entry' | 'exit';
  /** Quantity not yet filled, in units of the asset. */
  remainingQty: number;
  /** Limit (or stop) price; null for a market order, which is then valued at the quote. */
  priceUsd: number | null;
  /** For an order placed by dollar amount (no quantity): the amount still to fill. */
  remainingNotionalUsd?: number;
  /** The risk the gate approved for this entry, when known: it still counts against the loss budgets. */
  plannedRiskUsd?: number;
  /** This order's own stop trigger (a stop, stop-limit or trailing stop): for an exit, where it caps the loss. */
  stopPriceUsd?: number;
  /** For an entry: the trigger of its protective stop leg (a bracket or OTO), from which its risk is counted. */
  protectiveStopUsd?: number;
}

/** A position closed recently: the symbol cools down after it. */
export interface RecentExit {
  symbol: string;
  exitedAt: EpochMs;
}

/** Where the US equity session stands: the gate refuses equity entries outside `regular` and near the close. */
export interface SessionInfo {
  phase: SessionPhase;
  /** Today's regular close (13:00 ET on early-close days); null on a day without a session. */
  regularCloseAt: EpochMs | null;
  /** Today's regular open; null on a day without a session (absent when the caller did not say). */
  regularOpenAt?: EpochMs | null;
}

/** Everything `evaluate` reads, gathered by the caller at one instant. */
export interface RiskContext {
  now: EpochMs;
  tradingStatus: TradingStatus;
  account: Account;
  /** Cash-backed buying power for non-marginable assets (crypto); when absent, min(buying power, cash). */
  nonMarginableBuyingPowerUsd?: number;
  positions: readonly Position[];
  openOrders: readonly RiskOpenOrder[];
  /** Realised profit and loss of the current New York trading day. */
  realizedPnlTodayUsd: number;
  /** Highest equity seen (end of day or intraday, as the caller records it). */
  equityHighWaterMarkUsd: number;
  recentExits: readonly RecentExit[];
  /** Entries already made (filled or open) per catalyst story id. */
  entriesPerNews: Readonly<Record<string, number>>;
  session: SessionInfo;
  markets: Readonly<Record<string, SymbolMarket>>;
  assets: Readonly<Record<string, Asset>>;
}

/** A strategy's wish to open a position; the gate decides whether and how big. */
export interface EntryIntent {
  kind: 'entry';
  intentId: string;
  symbol: string;
  side: PositionSide;
  strategy: string;
  /** Catalyst story id (the news item's sourceId); null when the trade has no story. */
  newsId: string | null;
  signalId: string;
  /** Average true range of the strategy's timeframe, in USD per unit. */
  atrUsd: number;
  /** Limit price; null for a market order (then the ask for a long, the bid for a short). */
  limitPriceUsd: number | null;
}

/** A wish to close (all or part of) a position. Always allowed, never beyond the position. */
export interface ExitIntent {
  kind: 'exit';
  intentId: string;
  symbol: string;
  qty: number | 'all';
  exitReason: ExitReason;
  /** Open exit orders this one replaces (the executor cancels them first), so their quantity is free again. */
  replacesClientOrderIds?: readonly string[];
}

export type TradeIntent = EntryIntent | ExitIntent;

/** The session phase and regular close at `t`, from the NYSE calendar (early closes included). */
export function sessionInfoAt(t: EpochMs): SessionInfo {
  const day = calendarDay(newYorkDate(t));
  return { phase: sessionPhaseAt(t), regularCloseAt: day ? day.close : null, regularOpenAt: day ? day.open : null };
}

/**
 * Maps broker orders (top level, legs nested as Alpaca's `nested=true` returns them) to the gate's view.
 * An order that trades against a held position (a sell of a long, a buy to cover a short) is an exit, and
 * so is every leg of a bracket; anything else opens exposure.
 */
export function toRiskOpenOrders(orders: readonly Order[], positions: readonly Position[]): RiskOpenOrder[] {
  const out: RiskOpenOrder[] = [];
  for (const order of orders) {
    const held = positions.find((p) => p.symbol === order.symbol);
    const closes = held !== undefined && (held.side === 'long') === (order.side === 'sell');
    const mapped = toRiskOpenOrder(order, closes ? 'exit' : 'entry');
    const stopLeg = order.legs.find((leg) => stopTrigger(leg) !== null);
    out.push(!closes && stopLeg ? { ...mapped, protectiveStopUsd: stopTrigger(stopLeg)! } : mapped);
    for (const leg of order.legs) out.push(toRiskOpenOrder(leg, 'exit'));
  }
  return out;
}

/** Where a stop order triggers (a trailing stop: its current stop, as Alpaca reports it); null for other orders. */
function stopTrigger(order: Order): number | null {
  const stops = order.type === 'stop' || order.type === 'stop_limit' || order.type === 'trailing_stop';
  return stops && order.stopPrice !== null && order.stopPrice > 0 ? order.stopPrice : null;
}

function toRiskOpenOrder(order: Order, purpose: RiskOpenOrder['purpose']): RiskOpenOrder {
  const remainingQty = Math.max(0, (order.qty ?? 0) - order.filledQty);
  const priceUsd = order.limitPrice ?? order.stopPrice ?? null;
  const stop = stopTrigger(order);
  const base: RiskOpenOrder = { clientOrderId: order.clientOrderId, symbol: order.symbol, side: order.side, purpose, remainingQty, priceUsd, ...(stop !== null ? { stopPriceUsd: stop } : {}) };
  return order.qty === null && order.notional !== null ? { ...base, remainingNotionalUsd: order.notional } : base;
}
