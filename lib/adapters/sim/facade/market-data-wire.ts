import type { Bar, Mover, MostActive, Quote, Snapshot, TradeTick } from '../../../domain/market.ts';
import type { NewsItem } from '../../../domain/news.ts';
import { timestamp } from './wire-format.ts';

// Domain values → Alpaca Market Data API JSON (stock_bar, stock_trade, stock_quote, stock_snapshot,
// most_active, mover, news). Market data numbers are JSON numbers, unlike the Trading API's strings.

// Quotes and trades carry IEX's venue letter, the free feed a paper account gets.
const SIM_EXCHANGE = 'V';

/** The tape letter of a listing exchange. */
export function tapeOf(exchange: string | undefined): 'A' | 'B' | 'C' {
  if (exchange === 'NASDAQ') return 'C';
  if (exchange === 'NYSE') return 'A';
  return 'B';
}

/** A bar; `n` and `vw` are left out when the source has none (a documented relaxation of stock_bar). */
export function barJson(b: Bar): Record<string, unknown> {
  // The spec types volume as an integer: share volume is whole; crypto volume is fractional and kept as is.
  const out: Record<string, unknown> = { t: timestamp(b.t), o: b.o, h: b.h, l: b.l, c: b.c, v: b.v };
  if (b.n !== undefined) out.n = b.n;
  if (b.vw !== undefined) out.vw = b.vw;
  return out;
}

/** A trade; the simulator has no trade ids, so `i` is the trade's time in ms (unique per symbol). */
export function tradeJson(t: TradeTick, tape: string): Record<string, unknown> {
  return { t: timestamp(t.t), x: SIM_EXCHANGE, p: t.price, s: t.size, c: ['@'], i: t.t, z: tape };
}

/** A quote (sizes in shares). */
export function quoteJson(q: Quote, tape: string): Record<string, unknown> {
  return { t: timestamp(q.t), ax: SIM_EXCHANGE, ap: q.askPrice, as: q.askSize, bx: SIM_EXCHANGE, bp: q.bidPrice, bs: q.bidSize, c: ['R'], z: tape };
}

/** A snapshot; parts the source does not have are left out (the spec lists none as required). */
export function snapshotJson(s: Snapshot, tape: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.latestTrade) out.latestTrade = tradeJson(s.latestTrade, tape);
  if (s.latestQuote) out.latestQuote = quoteJson(s.latestQuote, tape);
  if (s.minuteBar) out.minuteBar = barJson(s.minuteBar);
  if (s.dailyBar) out.dailyBar = barJson(s.dailyBar);
  if (s.prevDailyBar) out.prevDailyBar = barJson(s.prevDailyBar);
  return out;
}

/** One row of the most-actives screener. */
export function mostActiveJson(m: MostActive): Record<string, unknown> {
  return { symbol: m.symbol, volume: m.volume, trade_count: m.tradeCount };
}

/** One row of the movers screener. */
export function moverJson(m: Mover): Record<string, unknown> {
  return { symbol: m.symbol, percent_change: m.percentChange, change: m.change, price: m.price };
}

function fnv1a(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Alpaca's news id is an integer: a numeric source id as is, any other a stable 31-bit hash of source and id. */
export function newsIdOf(item: NewsItem): number {
  return /^\d{1,15}$/.test(item.sourceId) ? Number(item.sourceId) : fnv1a(`${item.source}:${item.sourceId}`) & 0x7fffffff;
}

/** A news item as /v1beta1/news returns it; `content` only when asked for and known (Alpaca omits it otherwise). */
export function newsJson(item: NewsItem, includeContent: boolean): Record<string, unknown> {
  const author = typeof item.meta?.author === 'string' && item.meta.author !== '' ? item.meta.author : item.source;
  const content = typeof item.meta?.content === 'string' ? item.meta.content : null;
  return {
    id: newsIdOf(item),
    headline: item.headline,
    author,
    created_at: timestamp(item.publishedAt),
    updated_at: timestamp(item.version),
    summary: item.summary,
    ...(includeContent && content ? { content } : {}),
    url: item.url,
    images: [],
    symbols: item.symbols,
    source: item.source,
  };
}
