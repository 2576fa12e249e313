import type * as z from 'zod/mini';
import { AppError } from '../../shared/errors.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import type { Account, Fill, Order, OrderClass, Position } from '../../domain/orders.ts';
import type { Asset, Bar, CalendarDay, MarketClock, Quote, TradeTick } from '../../domain/market.ts';
import type { AccountWire, AssetWire, FillWire, OrderLegWire, OrderWire, PositionWire } from './alpaca.models.ts';
import type { BarWire, QuoteWire, TradeWire } from './alpaca.market-data.models.ts';
import { FORMAT_NAMES, type clockWire, type calendarWire } from './alpaca.models.ts';

/** `legs[0].filled_qty`: where in the payload a problem is. */
function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(root)';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_format') {
    const source = issue.pattern?.replace(/^\/|\/[a-z]*$/g, '');
    return `expected ${(source && FORMAT_NAMES[source]) ?? issue.format}`;
  }
  if (issue.code === 'custom') return 'not a valid date or time';
  return issue.code;
}

/**
 * Parses `json` with a wire schema or throws DATA_INVALID naming the first bad field. Values are not
 * echoed: the field and what was expected are enough to find the cause, and payloads can be large.
 */
export function decode<S extends z.ZodMiniType>(schema: S, json: unknown, endpoint: string, at: readonly PropertyKey[] = []): z.output<S> {
  const result = schema.safeParse(json);
  if (result.success) return result.data as z.output<S>;
  const issue = result.error.issues[0]!;
  const field = fieldPath([...at, ...issue.path]);
  throw new AppError('DATA_INVALID', `Alpaca ${endpoint}: malformed payload at ${field}: ${describeIssue(issue)}`, {
    details: { endpoint, field, problems: result.error.issues.length },
  });
}

function toOrder(w: OrderWire | OrderLegWire, legs: Order[]): Order {
  const orderClass: OrderClass = w.order_class === '' ? 'simple' : w.order_class;
  return {
    id: w.id,
    clientOrderId: w.client_order_id,
    symbol: w.symbol,
    assetClass: w.asset_class,
    side: w.side,
    type: w.type,
    timeInForce: w.time_in_force,
    orderClass,
    status: w.status,
    qty: w.qty,
    notional: w.notional,
    filledQty: w.filled_qty,
    filledAvgPrice: w.filled_avg_price,
    limitPrice: w.limit_price,
    stopPrice: w.stop_price,
    trailPrice: w.trail_price,
    trailPercent: w.trail_percent,
    hwm: w.hwm,
    extendedHours: w.extended_hours,
    createdAt: w.created_at,
    // An order not yet updated or not yet at the venue is dated by its creation.
    updatedAt: w.updated_at ?? w.created_at,
    submittedAt: w.submitted_at ?? w.created_at,
    filledAt: w.filled_at,
    canceledAt: w.canceled_at,
    expiredAt: w.expired_at,
    replacedBy: w.replaced_by,
    replaces: w.replaces,
    legs,
  };
}

/** An Alpaca order (with its bracket/oco/oto legs) in the domain's words. */
export function orderFromWire(w: OrderWire): Order {
  return toOrder(w, (w.legs ?? []).map((leg) => toOrder(leg, [])));
}

/** A position; Alpaca signs a short's qty, the domain keeps the side and the absolute quantity. */
export function positionFromWire(w: PositionWire): Position {
  return {
    symbol: w.symbol,
    assetClass: w.asset_class,
    side: w.side,
    qty: Math.abs(w.qty),
    qtyAvailable: Math.abs(w.qty_available),
    avgEntryPrice: w.avg_entry_price,
    currentPrice: w.current_price,
    lastdayPrice: w.lastday_price,
    marketValue: w.market_value,
    costBasis: w.cost_basis,
    unrealizedPl: w.unrealized_pl,
    unrealizedIntradayPl: w.unrealized_intraday_pl,
  };
}

/** The account's balances and flags. */
export function accountFromWire(w: AccountWire): Account {
  return {
    id: w.id,
    status: w.status,
    currency: w.currency,
    cash: w.cash,
    equity: w.equity,
    lastEquity: w.last_equity,
    buyingPower: w.buying_power,
    longMarketValue: w.long_market_value,
    shortMarketValue: w.short_market_value,
    initialMargin: w.initial_margin,
    maintenanceMargin: w.maintenance_margin,
    multiplier: w.multiplier,
    tradingBlocked: w.trading_blocked,
    accountBlocked: w.account_blocked,
    shortingEnabled: w.shorting_enabled,
  };
}

/**
 * An asset. Alpaca sends increments only for crypto; for US equities Alpaca's own rules apply: whole
 * shares (brackets and extended hours accept nothing else) and one cent, valid at every price level.
 */
export function assetFromWire(w: AssetWire, endpoint: string): Asset {
  const easyToBorrow = w.borrow_status !== undefined ? w.borrow_status === 'easy_to_borrow' : w.easy_to_borrow;
  if (easyToBorrow === undefined) {
    throw new AppError('DATA_INVALID', `Alpaca ${endpoint}: asset ${w.symbol} has neither borrow_status nor easy_to_borrow`, {
      details: { endpoint, field: 'borrow_status' },
    });
  }
  const equity = w.class === 'us_equity';
  const missing = ['min_trade_increment', 'price_increment', 'min_order_size'].find((k) => w[k as keyof AssetWire] === undefined);
  if (!equity && missing) {
    throw new AppError('DATA_INVALID', `Alpaca ${endpoint}: crypto asset ${w.symbol} lacks ${missing}`, { details: { endpoint, field: missing } });
  }
  return {
    symbol: w.symbol,
    name: w.name,
    exchange: w.exchange,
    assetClass: w.class,
    status: w.status,
    tradable: w.tradable,
    shortable: w.shortable,
    easyToBorrow,
    fractionable: w.fractionable,
    marginable: w.marginable,
    minTradeIncrement: w.min_trade_increment ?? 1,
    priceIncrement: w.price_increment ?? 0.01,
    minOrderSize: w.min_order_size ?? 1,
  };
}

/** One execution from the FILL activities. */
export function fillFromWire(w: FillWire): Fill {
  return {
    id: w.id,
    orderId: w.order_id,
    symbol: w.symbol,
    side: w.side === 'buy' ? 'buy' : 'sell',
    qty: w.qty,
    price: w.price,
    at: w.transaction_time,
    cumQty: w.cum_qty,
    leavesQty: w.leaves_qty,
    kind: w.type,
  };
}

/** The market clock. */
export function clockFromWire(w: z.output<typeof clockWire>): MarketClock {
  return { now: w.timestamp, isOpen: w.is_open, nextOpen: w.next_open, nextClose: w.next_close };
}

const colon = (hhmm: string) => (hhmm.includes(':') ? hhmm : `${hhmm.slice(0, 2)}:${hhmm.slice(2)}`);

/** Calendar days; Alpaca gives New York wall-clock times ("09:30", session "0400"). */
export function calendarFromWire(w: z.output<typeof calendarWire>): CalendarDay[] {
  return w.map((d) => ({
    date: d.date,
    open: newYorkTime(d.date, colon(d.open)),
    close: newYorkTime(d.date, colon(d.close)),
    sessionOpen: newYorkTime(d.date, colon(d.session_open)),
    sessionClose: newYorkTime(d.date, colon(d.session_close)),
  }));
}

/** A bar, keeping vwap and trade count when given. */
export function barFromWire(w: BarWire): Bar {
  const bar: Bar = { t: w.t, o: w.o, h: w.h, l: w.l, c: w.c, v: w.v };
  if (w.vw !== undefined) bar.vw = w.vw;
  if (w.n !== undefined) bar.n = w.n;
  return bar;
}

/** The latest trade. */
export function tradeFromWire(w: TradeWire): TradeTick {
  return { t: w.t, price: w.p, size: w.s };
}

/** The latest quote (sizes in shares). */
export function quoteFromWire(w: QuoteWire): Quote {
  return { t: w.t, bidPrice: w.bp, bidSize: w.bs, askPrice: w.ap, askSize: w.as };
}
