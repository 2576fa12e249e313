import * as z from 'zod/mini';

/**
 * Alpaca Trading JSON as it arrives on the wire (snake_case, money and quantities as decimal strings,
 * RFC-3339 timestamps with up to nanoseconds), decoded into numbers and epoch milliseconds, plus the
 * primitives the market data schemas share. Nothing here renames fields into the domain's words: that is
 * `alpaca.parse.ts`. Unknown fields are dropped; a missing or malformed field the domain needs fails.
 */

const DECIMAL = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const HHMM = /^\d{2}:?\d{2}$/;

/** What each wire format is, in words, for error messages (keyed by the regex source). */
export const FORMAT_NAMES: Record<string, string> = {
  [DECIMAL.source]: 'a decimal string',
  [RFC3339.source]: 'an RFC-3339 timestamp',
  [ISO_DATE.source]: 'a YYYY-MM-DD date',
  [HHMM.source]: 'an HH:MM time',
};

/** A decimal string ("12.50") as a number. */
export const decimal = z.pipe(z.string().check(z.regex(DECIMAL)), z.transform(Number));
/** An RFC-3339 timestamp (nanoseconds allowed) as epoch milliseconds. */
export const timestamp = z.pipe(
  z.string().check(
    z.regex(RFC3339),
    z.refine((s) => !Number.isNaN(Date.parse(s))),
  ),
  z.transform((s) => Date.parse(s)),
);
const isoDate = z.string().check(z.regex(ISO_DATE));
const nullableDecimal = z.nullable(decimal);
const nullableTimestamp = z.nullable(timestamp);
/** A JSON number that is finite (market data prices and sizes). */
export const finite = z.number().check(z.refine(Number.isFinite));

export const assetClass = z.enum(['us_equity', 'crypto']);
const orderSide = z.enum(['buy', 'sell']);
const orderType = z.enum(['market', 'limit', 'stop', 'stop_limit', 'trailing_stop']);
const timeInForce = z.enum(['day', 'gtc', 'opg', 'cls', 'ioc', 'fok']);
// Alpaca answers "" for the class of a simple order.
const orderClass = z.enum(['simple', 'bracket', 'oco', 'oto', '']);
const orderStatus = z.enum([
  'new', 'partially_filled', 'filled', 'done_for_day', 'canceled', 'expired', 'replaced', 'pending_cancel',
  'pending_replace', 'accepted', 'pending_new', 'accepted_for_bidding', 'stopped', 'rejected', 'suspended',
  'calculated', 'held',
]);

const orderFields = {
  id: z.string().check(z.minLength(1)),
  client_order_id: z.string().check(z.minLength(1), z.maxLength(128)),
  symbol: z.string().check(z.minLength(1)),
  asset_class: assetClass,
  side: orderSide,
  type: orderType,
  time_in_force: timeInForce,
  order_class: orderClass,
  status: orderStatus,
  qty: nullableDecimal,
  notional: nullableDecimal,
  filled_qty: decimal,
  filled_avg_price: nullableDecimal,
  limit_price: nullableDecimal,
  stop_price: nullableDecimal,
  trail_price: nullableDecimal,
  trail_percent: nullableDecimal,
  hwm: nullableDecimal,
  extended_hours: z.boolean(),
  created_at: timestamp,
  // Nullable in the spec: a held bracket leg may not have reached the venue yet.
  updated_at: nullableTimestamp,
  submitted_at: nullableTimestamp,
  filled_at: nullableTimestamp,
  canceled_at: nullableTimestamp,
  expired_at: nullableTimestamp,
  replaced_by: z.nullable(z.string()),
  replaces: z.nullable(z.string()),
};

// Bracket legs do not nest further; a leg that claims legs of its own is not something we understand.
export const orderLegWire = z.object({ ...orderFields, legs: z.optional(z.nullable(z.array(z.never()))) });
export const orderWire = z.object({ ...orderFields, legs: z.optional(z.nullable(z.array(orderLegWire))) });
export type OrderWire = z.output<typeof orderWire>;
export type OrderLegWire = z.output<typeof orderLegWire>;
export const ordersWire = z.array(orderWire);

export const positionWire = z.object({
  symbol: z.string().check(z.minLength(1)),
  asset_class: assetClass,
  side: z.enum(['long', 'short']),
  qty: decimal,
  qty_available: decimal,
  avg_entry_price: decimal,
  current_price: decimal,
  lastday_price: decimal,
  market_value: decimal,
  cost_basis: decimal,
  unrealized_pl: decimal,
  unrealized_intraday_pl: decimal,
});
export type PositionWire = z.output<typeof positionWire>;
export const positionsWire = z.array(positionWire);

export const accountWire = z.object({
  id: z.string().check(z.minLength(1)),
  status: z.string().check(z.minLength(1)),
  currency: z.string().check(z.minLength(1)),
  cash: decimal,
  equity: decimal,
  last_equity: decimal,
  buying_power: decimal,
  long_market_value: decimal,
  short_market_value: decimal,
  initial_margin: decimal,
  maintenance_margin: decimal,
  multiplier: decimal,
  trading_blocked: z.boolean(),
  account_blocked: z.boolean(),
  shorting_enabled: z.boolean(),
});
export type AccountWire = z.output<typeof accountWire>;

export const assetWire = z.object({
  symbol: z.string().check(z.minLength(1)),
  name: z.string(),
  exchange: z.string().check(z.minLength(1)),
  class: assetClass,
  status: z.enum(['active', 'inactive']),
  tradable: z.boolean(),
  shortable: z.boolean(),
  // easy_to_borrow is deprecated (sunset 2026-09-22) in favour of borrow_status: either may be present.
  easy_to_borrow: z.optional(z.boolean()),
  borrow_status: z.optional(z.enum(['easy_to_borrow', 'hard_to_borrow'])),
  fractionable: z.boolean(),
  marginable: z.boolean(),
  min_trade_increment: z.optional(decimal),
  price_increment: z.optional(decimal),
  min_order_size: z.optional(decimal),
});
export type AssetWire = z.output<typeof assetWire>;
export const assetsWire = z.array(assetWire);

export const clockWire = z.object({ timestamp, is_open: z.boolean(), next_open: timestamp, next_close: timestamp });

const hhmm = z.string().check(z.regex(HHMM));
export const calendarWire = z.array(
  z.object({ date: isoDate, open: hhmm, close: hhmm, session_open: hhmm, session_close: hhmm }),
);

export const fillWire = z.object({
  id: z.string().check(z.minLength(1)),
  activity_type: z.literal('FILL'),
  type: z.enum(['fill', 'partial_fill']),
  order_id: z.string().check(z.minLength(1)),
  symbol: z.string().check(z.minLength(1)),
  // A short sale is reported as sell_short; for the order book it is a sell.
  side: z.enum(['buy', 'sell', 'sell_short']),
  qty: decimal,
  price: decimal,
  cum_qty: decimal,
  leaves_qty: decimal,
  transaction_time: timestamp,
});
export type FillWire = z.output<typeof fillWire>;
export const fillsWire = z.array(fillWire);
