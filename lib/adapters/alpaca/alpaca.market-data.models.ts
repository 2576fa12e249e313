import * as z from 'zod/mini';
import { finite, timestamp } from './alpaca.models.ts';

/**
 * Alpaca Market Data's JSON (stocks, crypto, screener, news) as it arrives on the wire, decoded into numbers
 * and epoch milliseconds; `alpaca.parse.ts` turns it into domain types.
 */

/**
 * Market data keeps Alpaca's one-letter keys. Stocks and crypto share them: a crypto trade adds `i` and
 * `tks` (dropped here), and crypto volumes and sizes are fractional coins, so `v`, `s`, `bs`, `as` are any
 * finite number (the spec types stock volume as an integer; a fractional one is harmless to the domain).
 */
export const barWire = z.object({
  t: timestamp,
  o: finite,
  h: finite,
  l: finite,
  c: finite,
  v: finite,
  n: z.optional(finite),
  vw: z.optional(finite),
});
export type BarWire = z.output<typeof barWire>;
export const tradeWire = z.object({ t: timestamp, p: finite, s: finite });
export const quoteWire = z.object({ t: timestamp, bp: finite, bs: finite, ap: finite, as: finite });
export type TradeWire = z.output<typeof tradeWire>;
export type QuoteWire = z.output<typeof quoteWire>;

const pageToken = z.optional(z.nullable(z.string()));
export const barsPageWire = z.object({ bars: z.nullable(z.record(z.string(), z.array(barWire))), next_page_token: pageToken });
export const latestTradesWire = z.object({ trades: z.record(z.string(), tradeWire) });
export const latestQuotesWire = z.object({ quotes: z.record(z.string(), quoteWire) });
const snapshotWire = z.object({
  latestTrade: z.optional(z.nullable(tradeWire)),
  latestQuote: z.optional(z.nullable(quoteWire)),
  minuteBar: z.optional(z.nullable(barWire)),
  dailyBar: z.optional(z.nullable(barWire)),
  prevDailyBar: z.optional(z.nullable(barWire)),
});
export type SnapshotWire = z.output<typeof snapshotWire>;
/** Stock snapshots: a top-level map keyed by symbol, no wrapper. */
export const snapshotsWire = z.record(z.string(), snapshotWire);
/** Crypto snapshots (/v1beta3/crypto/{loc}/snapshots): the same map under `snapshots`. */
export const cryptoSnapshotsWire = z.object({ snapshots: z.record(z.string(), snapshotWire) });
export const mostActivesWire = z.object({
  most_actives: z.array(z.object({ symbol: z.string().check(z.minLength(1)), volume: finite, trade_count: finite })),
});
const moverWire = z.object({ symbol: z.string().check(z.minLength(1)), percent_change: finite, change: finite, price: finite });
export const moversWire = z.object({ gainers: z.array(moverWire), losers: z.array(moverWire) });

/** The news envelope: items stay unknown here so one bad item is skipped, not the whole page. */
export const newsPageWire = z.object({ news: z.array(z.unknown()), next_page_token: pageToken });
export const newsItemWire = z.object({
  id: z.number().check(z.int()),
  headline: z.string().check(z.minLength(1)),
  author: z.optional(z.string()),
  created_at: timestamp,
  updated_at: timestamp,
  // Often "" (Benzinga sends headline-only items); absent content is normal without include_content.
  summary: z.optional(z.string()),
  url: z.optional(z.nullable(z.string())),
  symbols: z.array(z.string()),
  source: z.optional(z.string()),
});
export type NewsItemWire = z.output<typeof newsItemWire>;
