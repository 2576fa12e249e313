/**
 * Alpaca JSON shaped as the OpenAPI specs (and Alpaca's examples) show it: snake_case, decimal strings,
 * nanosecond timestamps. The fake server validates each one before serving it.
 */
type Json = Record<string, unknown>;

/** A deterministic UUID for test number `n`. */
export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** An equity order as POST/GET /v2/orders answer it (a simple limit buy unless overridden). */
export function orderJson(o: Json = {}): Json {
  return {
    id: uuid(1),
    client_order_id: 'cat-intent-1',
    created_at: '2026-01-23T14:30:00.123456789Z',
    updated_at: '2026-01-23T14:30:00.123456789Z',
    submitted_at: '2026-01-23T14:30:00.120000001Z',
    filled_at: null,
    expired_at: null,
    canceled_at: null,
    failed_at: null,
    replaced_at: null,
    replaced_by: null,
    replaces: null,
    asset_id: uuid(900),
    symbol: 'AAPL',
    asset_class: 'us_equity',
    notional: null,
    qty: '10',
    filled_qty: '0',
    filled_avg_price: null,
    order_class: '',
    order_type: 'limit',
    type: 'limit',
    side: 'buy',
    time_in_force: 'day',
    limit_price: '187.5',
    stop_price: null,
    status: 'new',
    extended_hours: false,
    legs: null,
    trail_percent: null,
    trail_price: null,
    hwm: null,
    position_intent: 'buy_to_open',
    ...o,
  };
}

/** A bracket entry with its take-profit and stop-loss legs, as `nested=true` shows them. */
export function bracketJson(o: Json = {}): Json {
  const leg = (n: number, extra: Json) =>
    orderJson({ id: uuid(n), client_order_id: `${uuid(n)}-leg`, side: 'sell', status: 'held', position_intent: 'sell_to_close', ...extra });
  return orderJson({
    order_class: 'bracket',
    legs: [
      leg(2, { type: 'limit', order_type: 'limit', limit_price: '195', time_in_force: 'gtc' }),
      leg(3, { type: 'stop', order_type: 'stop', limit_price: null, stop_price: '182', time_in_force: 'gtc', submitted_at: null }),
    ],
    ...o,
  });
}

export function positionJson(o: Json = {}): Json {
  return {
    asset_id: uuid(900),
    symbol: 'AAPL',
    exchange: 'NASDAQ',
    asset_class: 'us_equity',
    asset_marginable: true,
    avg_entry_price: '187.25',
    qty: '10',
    qty_available: '10',
    side: 'long',
    market_value: '1900',
    cost_basis: '1872.5',
    unrealized_pl: '27.5',
    unrealized_plpc: '0.0146862483311081',
    unrealized_intraday_pl: '12.5',
    unrealized_intraday_plpc: '0.0066225165562914',
    current_price: '190',
    lastday_price: '188.75',
    change_today: '0.0066225165562914',
    ...o,
  };
}

export function accountJson(o: Json = {}): Json {
  return {
    id: uuid(500),
    account_number: 'PA3ABCDEFG12',
    status: 'ACTIVE',
    crypto_status: 'ACTIVE',
    currency: 'USD',
    buying_power: '200000.5',
    regt_buying_power: '200000.5',
    non_marginable_buying_power: '100000.25',
    cash: '100000.25',
    portfolio_value: '100250.75',
    equity: '100250.75',
    last_equity: '100000',
    long_market_value: '1900',
    short_market_value: '0',
    initial_margin: '950',
    maintenance_margin: '570',
    last_maintenance_margin: '0',
    multiplier: '2',
    shorting_enabled: true,
    trading_blocked: false,
    transfers_blocked: false,
    account_blocked: false,
    trade_suspended_by_user: false,
    created_at: '2025-06-01T12:00:00.000000Z',
    sma: '0',
    ...o,
  };
}

export function assetJson(o: Json = {}): Json {
  return {
    id: uuid(900),
    class: 'us_equity',
    exchange: 'NASDAQ',
    symbol: 'AAPL',
    name: 'Apple Inc. Common Stock',
    status: 'active',
    tradable: true,
    marginable: true,
    shortable: true,
    easy_to_borrow: true,
    borrow_status: 'easy_to_borrow',
    fractionable: true,
    attributes: ['has_options'],
    ...o,
  };
}

/** One FILL activity (`id` is Alpaca's "time::uuid" cursor). */
export function fillJson(n: number, o: Json = {}): Json {
  return {
    id: `20260123143001${String(n).padStart(3, '0')}::${uuid(1000 + n)}`,
    activity_type: 'FILL',
    transaction_time: `2026-01-23T14:30:01.${String(n).padStart(3, '0')}123456Z`,
    type: 'fill',
    price: '187.5',
    qty: '10',
    side: 'buy',
    symbol: 'AAPL',
    leaves_qty: '0',
    order_id: uuid(1),
    cum_qty: '10',
    order_status: 'filled',
    ...o,
  };
}

/** A bar at minute `m` after 14:30 UTC on 2026-01-23. */
export function barJson(m: number, close = 100 + m): Json {
  const t = new Date(Date.UTC(2026, 0, 23, 14, 30 + m)).toISOString().replace('.000Z', 'Z');
  return { t, o: close - 0.5, h: close + 0.25, l: close - 0.75, c: close, v: 1000 + m, n: 10 + m, vw: close - 0.1 };
}

export function tradeJson(p = 190.12, t = '2026-01-23T15:59:59.987654321Z'): Json {
  return { t, x: 'V', p, s: 100, c: ['@'], i: 52983525033527, z: 'C' };
}

export function quoteJson(bp = 190.1, ap = 190.14, t = '2026-01-23T15:59:59.987654321Z'): Json {
  return { t, ax: 'V', ap, as: 3, bx: 'V', bp, bs: 2, c: ['R'], z: 'C' };
}

/** A Benzinga item as /v1beta1/news sends it without include_content (no content, often no summary). */
export function newsJson(id: number, o: Json = {}): Json {
  return {
    id,
    headline: `Headline ${id}`,
    author: 'Benzinga Newsdesk',
    created_at: '2026-01-23T14:00:00Z',
    updated_at: '2026-01-23T14:00:00Z',
    summary: '',
    url: `https://www.benzinga.com/news/26/01/${id}/headline`,
    images: [],
    symbols: ['AAPL'],
    source: 'benzinga',
    ...o,
  };
}
