import type { Asset, CalendarDay, MarketClock } from '../../../domain/market.ts';
import type { Account, Fill, Order, OrderStatus, Position } from '../../../domain/orders.ts';
import { newYorkParts } from '../../../domain/calendar/new-york-time.ts';
import { nextTradingDay } from '../../../domain/calendar/nyse-calendar.ts';
import { assetIdOf } from '../broker/sim-ids.ts';
import { decimal, decimalOrNull, timestamp, timestampOrNull } from './wire-format.ts';

// Domain values → Alpaca Trading API JSON (snake_case, numbers as strings, RFC-3339 times), shaped
// after the OpenAPI schemas Order, OrderLeg, Position, Account, Assets, legacy_clock, legacy_calendar_day
// and TradingActivities.

/** An order as Alpaca returns it; `nested` puts the legs under it (Alpaca sends `legs: null` otherwise). */
export function orderJson(o: Order, nested: boolean): Record<string, unknown> {
  return {
    id: o.id,
    client_order_id: o.clientOrderId,
    created_at: timestamp(o.createdAt),
    updated_at: timestamp(o.updatedAt),
    submitted_at: timestamp(o.submittedAt),
    filled_at: timestampOrNull(o.filledAt),
    expired_at: timestampOrNull(o.expiredAt),
    canceled_at: timestampOrNull(o.canceledAt),
    failed_at: null,
    replaced_at: o.status === 'replaced' ? timestamp(o.updatedAt) : null,
    replaced_by: o.replacedBy,
    replaces: o.replaces,
    asset_id: assetIdOf(o.symbol),
    symbol: o.symbol,
    asset_class: o.assetClass,
    notional: decimalOrNull(o.notional),
    qty: decimalOrNull(o.qty),
    filled_qty: decimal(o.filledQty),
    filled_avg_price: decimalOrNull(o.filledAvgPrice),
    order_class: o.orderClass,
    order_type: o.type,
    type: o.type,
    side: o.side,
    time_in_force: o.timeInForce,
    limit_price: decimalOrNull(o.limitPrice),
    stop_price: decimalOrNull(o.stopPrice),
    status: o.status,
    extended_hours: o.extendedHours,
    legs: nested && o.legs.length > 0 ? o.legs.map((l) => orderJson(l, false)) : null,
    trail_percent: decimalOrNull(o.trailPercent),
    trail_price: decimalOrNull(o.trailPrice),
    hwm: decimalOrNull(o.hwm),
  };
}

function ratio(a: number, b: number): string {
  return decimal(b === 0 ? 0 : a / b);
}

/** A position as Alpaca returns it (exchange and marginability come from the asset). */
export function positionJson(p: Position, asset: Asset | null): Record<string, unknown> {
  const lastdayValue = p.lastdayPrice * p.qty;
  return {
    asset_id: assetIdOf(p.symbol),
    symbol: p.symbol,
    exchange: asset?.exchange ?? '',
    asset_class: p.assetClass,
    asset_marginable: asset?.marginable ?? false,
    avg_entry_price: decimal(p.avgEntryPrice),
    qty: decimal(p.side === 'short' ? -p.qty : p.qty),
    qty_available: decimal(p.side === 'short' ? -p.qtyAvailable : p.qtyAvailable),
    side: p.side,
    market_value: decimal(p.marketValue),
    cost_basis: decimal(p.costBasis),
    unrealized_pl: decimal(p.unrealizedPl),
    unrealized_plpc: ratio(p.unrealizedPl, Math.abs(p.costBasis)),
    unrealized_intraday_pl: decimal(p.unrealizedIntradayPl),
    unrealized_intraday_plpc: ratio(p.unrealizedIntradayPl, Math.abs(lastdayValue)),
    current_price: decimal(p.currentPrice),
    lastday_price: decimal(p.lastdayPrice),
    change_today: ratio(p.currentPrice - p.lastdayPrice, p.lastdayPrice),
  };
}

/** The account as Alpaca returns it (the fields the Broker port knows; no PDT fields, deprecated in 2026). */
export function accountJson(a: Account): Record<string, unknown> {
  return {
    id: a.id,
    account_number: `PA${a.id.replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    status: a.status,
    crypto_status: a.status,
    currency: a.currency,
    cash: decimal(a.cash),
    portfolio_value: decimal(a.equity),
    equity: decimal(a.equity),
    last_equity: decimal(a.lastEquity),
    buying_power: decimal(a.buyingPower),
    regt_buying_power: decimal(a.buyingPower),
    initial_margin: decimal(a.initialMargin),
    maintenance_margin: decimal(a.maintenanceMargin),
    long_market_value: decimal(a.longMarketValue),
    short_market_value: decimal(a.shortMarketValue),
    position_market_value: decimal(a.longMarketValue - a.shortMarketValue),
    multiplier: decimal(a.multiplier),
    shorting_enabled: a.shortingEnabled,
    trading_blocked: a.tradingBlocked,
    transfers_blocked: false,
    account_blocked: a.accountBlocked,
    trade_suspended_by_user: false,
  };
}

/** An asset as Alpaca lists it; crypto pairs also carry their order size and increments. */
export function assetJson(a: Asset): Record<string, unknown> {
  return {
    id: assetIdOf(a.symbol),
    class: a.assetClass,
    exchange: a.exchange,
    symbol: a.symbol,
    name: a.name,
    status: a.status,
    tradable: a.tradable,
    marginable: a.marginable,
    shortable: a.shortable,
    easy_to_borrow: a.easyToBorrow,
    borrow_status: a.easyToBorrow ? 'easy_to_borrow' : 'hard_to_borrow',
    fractionable: a.fractionable,
    attributes: [],
    ...(a.assetClass === 'crypto'
      ? { min_order_size: decimal(a.minOrderSize), min_trade_increment: decimal(a.minTradeIncrement), price_increment: decimal(a.priceIncrement) }
      : {}),
  };
}

/** The market clock as /v2/clock returns it. */
export function clockJson(c: MarketClock): Record<string, unknown> {
  return { timestamp: timestamp(c.now), is_open: c.isOpen, next_open: timestamp(c.nextOpen), next_close: timestamp(c.nextClose) };
}

function hhmm(t: number, colon: boolean): string {
  const p = newYorkParts(t);
  const h = String(p.hour).padStart(2, '0');
  const m = String(p.minute).padStart(2, '0');
  return colon ? `${h}:${m}` : `${h}${m}`;
}

/** A trading day as /v2/calendar returns it: New York wall-clock times, settlement one trading day later (T+1). */
export function calendarDayJson(d: CalendarDay): Record<string, unknown> {
  return {
    date: d.date,
    open: hhmm(d.open, true),
    close: hhmm(d.close, true),
    session_open: hhmm(d.sessionOpen, false),
    session_close: hhmm(d.sessionClose, false),
    settlement_date: nextTradingDay(d.date).date,
  };
}

/** A FILL activity as /v2/account/activities returns it. */
export function fillActivityJson(f: Fill & { orderStatus?: OrderStatus }): Record<string, unknown> {
  return {
    id: f.id,
    activity_type: 'FILL',
    transaction_time: timestamp(f.at),
    type: f.kind,
    price: decimal(f.price),
    qty: decimal(f.qty),
    side: f.side,
    symbol: f.symbol,
    leaves_qty: decimal(f.leavesQty),
    order_id: f.orderId,
    cum_qty: decimal(f.cumQty),
    order_status: f.orderStatus ?? (f.kind === 'fill' ? 'filled' : 'partially_filled'),
  };
}
