import type { BarsQuery, CallStats, MarketData } from '../../ports/market-data.port.ts';
import type { Bar, MostActive, Mover, Quote, Snapshot, TradeTick } from '../../domain/market.ts';
import { AppError } from '../../shared/errors.ts';
import type { AlpacaClient } from './alpaca.client.ts';
import { barsPageWire, latestQuotesWire, latestTradesWire, mostActivesWire, moversWire, snapshotsWire } from './alpaca.market-data.models.ts';
import { barFromWire, decode, quoteFromWire, tradeFromWire } from './alpaca.parse.ts';

export interface AlpacaMarketDataOptions {
  /** iex (free plan) or sip (paid); from ALPACA_DATA_FEED. Default iex. */
  feed?: 'iex' | 'sip';
  /** Symbols per request, which keeps URLs short for large universes. Default 400. */
  maxSymbolsPerRequest?: number;
}

const BARS_PAGE_MAX = 10_000;

function chunks(symbols: readonly string[], size: number): string[][] {
  for (const s of symbols) {
    // Crypto pairs live on /v1beta3/crypto, which this adapter does not serve: refuse rather than ask
    // the stocks endpoint and get a confusing 400 or, worse, another instrument.
    if (s.includes('/')) throw new AppError('BAD_REQUEST', `Alpaca market data: crypto pair ${s} is not supported by the stocks endpoints`);
  }
  const unique = [...new Set(symbols)];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += size) out.push(unique.slice(i, i + size));
  return out;
}

function inRange(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new AppError('BAD_REQUEST', `${name} must be an integer from 1 to ${max}`);
  return value;
}

/** The MarketData port on Alpaca's Market Data API v2 (stocks) and its screener. */
export class AlpacaMarketData implements MarketData {
  private readonly feed: 'iex' | 'sip';
  private readonly chunkSize: number;

  constructor(
    private readonly client: AlpacaClient,
    options: AlpacaMarketDataOptions = {},
  ) {
    this.feed = options.feed ?? 'iex';
    this.chunkSize = options.maxSymbolsPerRequest ?? 400;
  }

  private get api() {
    return this.client.sdk.marketData;
  }

  /**
   * Bars of many symbols. Alpaca's `limit` counts bars across all symbols of a page and pages are sorted
   * by symbol, so one symbol can span pages: pages are merged per symbol. Every requested symbol is a
   * key of the result, with no bars when Alpaca has none.
   */
  async getBars(query: BarsQuery): Promise<Map<string, Bar[]>> {
    const e = 'GET /v2/stocks/bars';
    const limit = inRange('pageLimit', query.pageLimit ?? BARS_PAGE_MAX, BARS_PAGE_MAX);
    const out = new Map<string, Bar[]>(query.symbols.map((s) => [s, []]));
    for (const chunk of chunks(query.symbols, this.chunkSize)) {
      const tokens = new Set<string>();
      let pageToken: string | undefined;
      do {
        const token = pageToken;
        const body = await this.client.request('data', e, () =>
          this.api.stocks.stockBarsRaw({
            symbols: chunk.join(','),
            timeframe: query.timeframe,
            start: new Date(query.start),
            end: query.end === undefined ? undefined : new Date(query.end),
            limit,
            adjustment: query.adjustment,
            feed: this.feed,
            sort: 'asc',
            pageToken: token,
          }),
        );
        const page = decode(barsPageWire, body, e);
        for (const [symbol, bars] of Object.entries(page.bars ?? {})) {
          const list = out.get(symbol) ?? [];
          for (const b of bars) list.push(barFromWire(b));
          out.set(symbol, list);
        }
        pageToken = page.next_page_token ?? undefined;
        if (pageToken !== undefined && tokens.has(pageToken)) {
          throw new AppError('DATA_INVALID', `Alpaca ${e}: next_page_token repeated; refusing to loop`, { details: { endpoint: e } });
        }
        if (pageToken !== undefined) tokens.add(pageToken);
      } while (pageToken !== undefined);
    }
    return out;
  }

  /** The latest trade of each symbol on the configured feed. */
  async getLatestTrades(symbols: readonly string[]): Promise<Map<string, TradeTick>> {
    const e = 'GET /v2/stocks/trades/latest';
    const out = new Map<string, TradeTick>();
    for (const chunk of chunks(symbols, this.chunkSize)) {
      const body = await this.client.request('data', e, () => this.api.stocks.stockLatestTradesRaw({ symbols: chunk.join(','), feed: this.feed }));
      for (const [symbol, t] of Object.entries(decode(latestTradesWire, body, e).trades)) out.set(symbol, tradeFromWire(t));
    }
    return out;
  }

  /** The latest quote of each symbol on the configured feed. */
  async getLatestQuotes(symbols: readonly string[]): Promise<Map<string, Quote>> {
    const e = 'GET /v2/stocks/quotes/latest';
    const out = new Map<string, Quote>();
    for (const chunk of chunks(symbols, this.chunkSize)) {
      const body = await this.client.request('data', e, () => this.api.stocks.stockLatestQuotesRaw({ symbols: chunk.join(','), feed: this.feed }));
      for (const [symbol, q] of Object.entries(decode(latestQuotesWire, body, e).quotes)) out.set(symbol, quoteFromWire(q));
    }
    return out;
  }

  /** Snapshots; Alpaca answers a top-level map keyed by symbol, and any part may be missing. */
  async getSnapshots(symbols: readonly string[]): Promise<Map<string, Snapshot>> {
    const e = 'GET /v2/stocks/snapshots';
    const out = new Map<string, Snapshot>();
    for (const chunk of chunks(symbols, this.chunkSize)) {
      const body = await this.client.request('data', e, () => this.api.stocks.stockSnapshotsRaw({ symbols: chunk.join(','), feed: this.feed }));
      for (const [symbol, s] of Object.entries(decode(snapshotsWire, body, e))) {
        out.set(symbol, {
          symbol,
          latestTrade: s.latestTrade ? tradeFromWire(s.latestTrade) : null,
          latestQuote: s.latestQuote ? quoteFromWire(s.latestQuote) : null,
          minuteBar: s.minuteBar ? barFromWire(s.minuteBar) : null,
          dailyBar: s.dailyBar ? barFromWire(s.dailyBar) : null,
          prevDailyBar: s.prevDailyBar ? barFromWire(s.prevDailyBar) : null,
        });
      }
    }
    return out;
  }

  /** The screener's most active stocks by volume or trade count (top ≤ 100). */
  async getMostActives(options: { by: 'volume' | 'trades'; top: number }): Promise<MostActive[]> {
    const e = 'GET /v1beta1/screener/stocks/most-actives';
    const top = inRange('top', options.top, 100);
    const body = await this.client.request('data', e, () => this.api.screener.mostActivesRaw({ by: options.by, top }));
    return decode(mostActivesWire, body, e).most_actives.map((m) => ({ symbol: m.symbol, volume: m.volume, tradeCount: m.trade_count }));
  }

  /** The screener's top gainers and losers (top ≤ 50). */
  async getMovers(options: { top: number; market: 'stocks' | 'crypto' }): Promise<{ gainers: Mover[]; losers: Mover[] }> {
    const e = 'GET /v1beta1/screener/{market_type}/movers';
    const top = inRange('top', options.top, 50);
    const body = await this.client.request('data', e, () => this.api.screener.moversRaw({ marketType: options.market, top }));
    const w = decode(moversWire, body, e);
    const mover = (m: (typeof w.gainers)[number]): Mover => ({ symbol: m.symbol, percentChange: m.percent_change, change: m.change, price: m.price });
    return { gainers: w.gainers.map(mover), losers: w.losers.map(mover) };
  }

  /** Calls made to the data host, by endpoint. */
  stats(): CallStats {
    return this.client.stats('data');
  }
}
