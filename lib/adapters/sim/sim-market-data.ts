import type { Bar, MostActive, Mover, Quote, Snapshot, TradeTick } from '../../domain/market.ts';
import type { BarsQuery, CallStats, MarketData } from '../../ports/market-data.port.ts';
import type { Clock } from '../../ports/clock.port.ts';
import type { SimFeed } from './sim-feed.ts';
import { parseTimeframe } from './market/bar-aggregation.ts';
import { FeedHistory } from './market/feed-history.ts';

/** Alpaca's ceiling on bars per page (across all symbols). */
const MAX_PAGE = 10_000;

/**
 * The MarketData port over any SimFeed (synthetic market or replay) under a Clock: nothing that ends after
 * `clock.now()` is visible. Pagination follows Alpaca: a page holds at most `pageLimit` bars across all
 * symbols, sorted by symbol then time, and every page counts as one call in `stats()`.
 */
export class SimMarketData implements MarketData {
  private readonly history: FeedHistory;
  private readonly calls = new Map<string, number>();

  constructor(
    private readonly feed: SimFeed,
    private readonly clock: Clock,
  ) {
    this.history = new FeedHistory(feed);
  }

  private count(endpoint: string, n = 1): void {
    this.calls.set(endpoint, (this.calls.get(endpoint) ?? 0) + n);
  }

  /** Calls made so far, by endpoint (a bars request counts one per page). */
  stats(): CallStats {
    const byEndpoint = Object.fromEntries([...this.calls].sort(([a], [b]) => (a < b ? -1 : 1)));
    return { calls: [...this.calls.values()].reduce((s, n) => s + n, 0), byEndpoint };
  }

  async getBars(query: BarsQuery): Promise<Map<string, Bar[]>> {
    const now = this.clock.now();
    const end = Math.min(query.end ?? now, now);
    const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(query.pageLimit ?? MAX_PAGE)));
    const symbols = [...new Set(query.symbols)].sort();
    const all = symbols.length && end >= query.start ? this.history.bars(symbols, parseTimeframe(query.timeframe), query.start, end, now) : new Map<string, Bar[]>();
    // Served page by page like Alpaca: the page token is a position in (symbol, time) order.
    const out = new Map<string, Bar[]>();
    const cursor = { symbol: 0, bar: 0 };
    do {
      let room = limit;
      while (room > 0 && cursor.symbol < symbols.length) {
        const symbol = symbols[cursor.symbol]!;
        const bars = all.get(symbol) ?? [];
        const take = bars.slice(cursor.bar, cursor.bar + room);
        if (take.length) {
          const got = out.get(symbol);
          if (got) for (const b of take) got.push(b);
          else out.set(symbol, take);
        }
        room -= take.length;
        cursor.bar += take.length;
        if (cursor.bar >= bars.length) {
          cursor.symbol++;
          cursor.bar = 0;
        }
      }
      this.count('bars');
    } while (cursor.symbol < symbols.length);
    return out;
  }

  private trades(symbols: readonly string[], now: number): Map<string, TradeTick> {
    const out = new Map<string, TradeTick>();
    for (const [symbol, bar] of this.history.latest(symbols, now)) {
      // The bar's close is its last trade, printed just before the bar ended; its size is the bar's
      // average trade (a round lot when the history has no trade count).
      const size = bar.n ? bar.v / bar.n : Math.min(bar.v, 100);
      out.set(symbol, { t: this.history.endOf(symbol, bar.t) - 1, price: bar.c, size: this.history.isCrypto(symbol) ? Math.round(size * 1e9) / 1e9 : Math.max(1, Math.round(size)) });
    }
    return out;
  }

  private quotes(symbols: readonly string[], now: number): Map<string, Quote> {
    const out = new Map<string, Quote>();
    for (const symbol of symbols) {
      const q = this.feed.quoteAt(symbol, now);
      if (q) out.set(symbol, q);
    }
    return out;
  }

  async getLatestTrades(symbols: readonly string[]): Promise<Map<string, TradeTick>> {
    this.count('trades/latest');
    return this.trades(symbols, this.clock.now());
  }

  async getLatestQuotes(symbols: readonly string[]): Promise<Map<string, Quote>> {
    this.count('quotes/latest');
    return this.quotes(symbols, this.clock.now());
  }

  private snapshots(symbols: readonly string[], now: number): Map<string, Snapshot> {
    const trades = this.trades(symbols, now);
    const quotes = this.quotes(symbols, now);
    const minute = this.history.latest(symbols, now);
    const daily = this.history.recentDaily(symbols, 2, now);
    const out = new Map<string, Snapshot>();
    for (const symbol of symbols) {
      const days = daily.get(symbol) ?? [];
      const latestTrade = trades.get(symbol) ?? null;
      if (!latestTrade && !days.length) continue;
      out.set(symbol, {
        symbol,
        latestTrade,
        latestQuote: quotes.get(symbol) ?? null,
        minuteBar: minute.get(symbol) ?? null,
        dailyBar: days[days.length - 1] ?? null,
        prevDailyBar: days.length > 1 ? days[days.length - 2]! : null,
      });
    }
    return out;
  }

  async getSnapshots(symbols: readonly string[]): Promise<Map<string, Snapshot>> {
    this.count('snapshots');
    return this.snapshots(symbols, this.clock.now());
  }

  private universe(assetClass: 'us_equity' | 'crypto'): string[] {
    return this.feed.assets().filter((a) => a.assetClass === assetClass && a.tradable && a.status === 'active').map((a) => a.symbol);
  }

  async getMostActives(options: { by: 'volume' | 'trades'; top: number }): Promise<MostActive[]> {
    this.count('most-actives');
    const daily = this.history.recentDaily(this.universe('us_equity'), 1, this.clock.now());
    const rows: MostActive[] = [];
    for (const [symbol, [bar]] of daily) if (bar) rows.push({ symbol, volume: bar.v, tradeCount: bar.n ?? 0 });
    const key = options.by === 'volume' ? (r: MostActive) => r.volume : (r: MostActive) => r.tradeCount;
    return rows.sort((a, b) => key(b) - key(a) || (a.symbol < b.symbol ? -1 : 1)).slice(0, Math.max(0, Math.min(100, options.top)));
  }

  async getMovers(options: { top: number; market: 'stocks' | 'crypto' }): Promise<{ gainers: Mover[]; losers: Mover[] }> {
    this.count('movers');
    // Like Alpaca, today's movers appear once today's session has a daily bar (stocks reset at the open).
    const daily = this.history.recentDaily(this.universe(options.market === 'stocks' ? 'us_equity' : 'crypto'), 2, this.clock.now());
    const movers: Mover[] = [];
    for (const [symbol, days] of daily) {
      if (days.length < 2) continue;
      const [prev, today] = [days[0]!, days[1]!];
      const change = today.c - prev.c;
      movers.push({ symbol, percentChange: Math.round((change / prev.c) * 1e6) / 1e4, change: Math.round(change * 1e6) / 1e6, price: today.c });
    }
    const top = Math.max(0, Math.min(50, options.top));
    const byChange = [...movers].sort((a, b) => b.percentChange - a.percentChange || (a.symbol < b.symbol ? -1 : 1));
    return { gainers: byChange.filter((m) => m.percentChange > 0).slice(0, top), losers: byChange.filter((m) => m.percentChange < 0).reverse().slice(0, top) };
  }
}
