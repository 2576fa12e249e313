import type { EpochMs } from '../../../domain/time.ts';
import { MINUTE_MS } from '../../../domain/time.ts';
import type { Bar, Snapshot, Timeframe, TradeTick } from '../../../domain/market.ts';
import { newYorkParts, newYorkTime } from '../../../domain/calendar/new-york-time.ts';
import { calendarDay, previousTradingDay } from '../../../domain/calendar/nyse-calendar.ts';
import type { Clock } from '../../../ports/clock.port.ts';
import type { BarsQuery, MarketData } from '../../../ports/market-data.port.ts';
import type { NewsSource } from '../../../ports/news-source.port.ts';
import type { SimFeed } from '../sim-feed.ts';

// Test doubles of MarketData and NewsSource over a SimFeed, for the facade's tests: minute bars folded
// into the asked timeframe, only what has happened by `clock.now()`. The product's simulated market data
// is lib/adapters/sim/sim-market-data.ts.

function fold(bars: readonly Bar[], bucketOf: (t: EpochMs) => EpochMs): Bar[] {
  const out: Bar[] = [];
  for (const b of bars) {
    const t = bucketOf(b.t);
    const last = out[out.length - 1];
    if (last && last.t === t) {
      last.h = Math.max(last.h, b.h);
      last.l = Math.min(last.l, b.l);
      last.vw = ((last.vw ?? last.c) * last.v + (b.vw ?? b.c) * b.v) / (last.v + b.v || 1);
      last.c = b.c;
      last.v += b.v;
      last.n = (last.n ?? 0) + (b.n ?? 0);
    } else {
      out.push({ t, o: b.o, h: b.h, l: b.l, c: b.c, v: b.v, vw: b.vw ?? b.c, n: b.n ?? 0 });
    }
  }
  return out;
}

function bucketFn(timeframe: Timeframe): (t: EpochMs) => EpochMs {
  const m = /^(\d+)(Min|Hour)$/.exec(timeframe);
  if (m) {
    const size = Number(m[1]) * (m[2] === 'Min' ? MINUTE_MS : 60 * MINUTE_MS);
    return (t) => Math.floor(t / size) * size;
  }
  if (timeframe === '1Day') return (t) => newYorkTime(newYorkParts(t).date, '00:00');
  throw new Error(`the fake market data folds minutes, hours and days, not ${timeframe}`);
}

/** A MarketData test double over a feed (minutes, hours and days). */
export function createFakeMarketData(feed: SimFeed, clock: Clock): MarketData {
  /** Completed minute bars of a symbol in [from, to), none that ends after now. */
  const minutes = (symbol: string, from: EpochMs, to: EpochMs) => {
    const cut = Math.min(to, clock.now() - MINUTE_MS + 1);
    return feed.barsOf([symbol], from, cut).get(symbol) ?? [];
  };
  const dayBar = (symbol: string, date: string): Bar | null => {
    const start = newYorkTime(date, '00:00');
    return fold(minutes(symbol, start, start + 24 * 60 * MINUTE_MS), () => start)[0] ?? null;
  };
  const lastMinute = (symbol: string): Bar | null => {
    const list = minutes(symbol, clock.now() - 5 * 24 * 60 * MINUTE_MS, clock.now());
    return list[list.length - 1] ?? null;
  };
  const trade = (bar: Bar | null): TradeTick | null => (bar ? { t: bar.t + MINUTE_MS - 1, price: bar.c, size: 100 } : null);
  const today = () => newYorkParts(clock.now()).date;
  const previousDay = () => previousTradingDay(calendarDay(today()) ? today() : previousTradingDay(today()).date).date;
  const symbols = () => feed.assets().map((a) => a.symbol);
  return {
    async getBars(q: BarsQuery) {
      const out = new Map<string, Bar[]>();
      for (const s of q.symbols) out.set(s, fold(minutes(s, q.start, (q.end ?? clock.now()) + 1), bucketFn(q.timeframe)));
      return out;
    },
    async getLatestTrades(list) {
      const out = new Map<string, TradeTick>();
      for (const s of list) {
        const t = trade(lastMinute(s));
        if (t) out.set(s, t);
      }
      return out;
    },
    async getLatestQuotes(list) {
      const out = new Map();
      for (const s of list) {
        const q = feed.quoteAt(s, clock.now());
        if (q) out.set(s, q);
      }
      return out;
    },
    async getSnapshots(list) {
      const out = new Map<string, Snapshot>();
      for (const s of list) {
        const minuteBar = lastMinute(s);
        const snap = { symbol: s, latestTrade: trade(minuteBar), latestQuote: feed.quoteAt(s, clock.now()), minuteBar, dailyBar: dayBar(s, today()), prevDailyBar: dayBar(s, previousDay()) };
        out.set(s, snap);
      }
      return out;
    },
    async getMostActives({ by, top }) {
      const rows = symbols().map((s) => dayBar(s, today())).map((b, i) => ({ symbol: symbols()[i]!, volume: b?.v ?? 0, tradeCount: b?.n ?? 0 }));
      return rows.sort((a, b) => (by === 'volume' ? b.volume - a.volume : b.tradeCount - a.tradeCount)).slice(0, top);
    },
    async getMovers({ top, market }) {
      const cls = market === 'crypto' ? 'crypto' : 'us_equity';
      const rows = [];
      for (const a of feed.assets().filter((x) => x.assetClass === cls)) {
        const prev = dayBar(a.symbol, previousDay());
        const last = lastMinute(a.symbol);
        if (!prev || !last) continue;
        rows.push({ symbol: a.symbol, price: last.c, change: last.c - prev.c, percentChange: ((last.c - prev.c) / prev.c) * 100 });
      }
      rows.sort((a, b) => b.percentChange - a.percentChange);
      return { gainers: rows.filter((r) => r.change > 0).slice(0, top), losers: rows.filter((r) => r.change < 0).reverse().slice(0, top) };
    },
  };
}

/** A NewsSource over the feed's news, never ahead of the clock. */
export function createFakeNewsSource(feed: SimFeed, clock: Clock): NewsSource {
  return {
    name: 'sim',
    async fetchSince(q) {
      const until = Math.min(q.until ?? clock.now(), clock.now());
      const items = feed.newsBetween(q.since, until).filter((n) => !q.symbols?.length || n.symbols.some((s) => q.symbols!.includes(s)));
      return { items: q.limit ? items.slice(0, q.limit) : items, skipped: [] };
    },
  };
}
