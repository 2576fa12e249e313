/**
 * Crypto market data JSON shaped as the Market Data spec's `crypto_bar`, `crypto_trade`, `crypto_quote`
 * (and its examples) show it: fractional volumes and sizes, trades with `i` and `tks`, quotes without
 * exchanges or conditions. The fake server validates each one before serving it.
 */
type Json = Record<string, unknown>;

/** A BTC-priced minute bar at minute `m` after 14:30 UTC on 2026-01-23, with a fractional volume. */
export function cryptoBarJson(m: number, close = 90_000 + m, v = 0.0125 + m / 1000): Json {
  const t = new Date(Date.UTC(2026, 0, 23, 14, 30 + m)).toISOString().replace('.000Z', 'Z');
  return { t, o: close - 12.5, h: close + 8.25, l: close - 20.75, c: close, v, n: 4 + m, vw: close - 3.1 };
}

export function cryptoTradeJson(p = 90_123.45, s = 0.0016, t = '2026-01-23T15:59:59.537052Z'): Json {
  return { t, p, s, i: 31455289, tks: 'S' };
}

export function cryptoQuoteJson(bp = 90_120.5, ap = 90_125.75, t = '2026-01-23T15:59:59.44347136Z'): Json {
  return { t, bp, bs: 0.3544, ap, as: 3.252 };
}
