import type { BarsQuery, CallStats, MarketData } from '../../ports/market-data.port.ts';
import type { Bar, MostActive, Mover, Quote, Snapshot, TradeTick } from '../../domain/market.ts';
import type { AlpacaClient } from './alpaca.client.ts';
import { AlpacaCryptoData, type CryptoLocation } from './alpaca.crypto-data.ts';
import { BARS_PAGE_MAX, chunks, inRange, readBarPages, snapshotFromWire, splitSymbols } from './alpaca.data-requests.ts';
import { latestQuotesWire, latestTradesWire, mostActivesWire, moversWire, snapshotsWire } from './alpaca.market-data.models.ts';
import { decode, quoteFromWire, tradeFromWire } from './alpaca.parse.ts';

export interface AlpacaMarketDataOptions {
  /** iex (free plan) or sip (paid); from ALPACA_DATA_FEED. Default iex. Stocks only. */
  feed?: 'iex' | 'sip';
  /** Symbols per request, which keeps URLs short for large universes. Default 400. */
  maxSymbolsPerRequest?: number;
  /** Where crypto data comes from. Default `us` (Alpaca US). */
  cryptoLocation?: CryptoLocation;
}

/**
 * The MarketData port on Alpaca's Market Data API: stocks on /v2/stocks, crypto pairs (`BTC/USD`) on
 * /v1beta3/crypto/{loc}, and the screener. A request mixing stocks and pairs becomes one stocks request
 * and one crypto request (each chunked and paged), sent together and merged.
 */
export class AlpacaMarketData implements MarketData {
  private readonly feed: 'iex' | 'sip';
  private readonly chunkSize: number;
  private readonly crypto: AlpacaCryptoData;

  constructor(
    private readonly client: AlpacaClient,
    options: AlpacaMarketDataOptions = {},
  ) {
    this.feed = options.feed ?? 'iex';
    this.chunkSize = options.maxSymbolsPerRequest ?? 400;
    this.crypto = new AlpacaCryptoData(client, options.cryptoLocation ?? 'us', this.chunkSize);
  }

  private get api() {
    return this.client.sdk.marketData;
  }

  /**
   * Bars of many symbols, paged (Alpaca's `limit` counts bars across all symbols of a page) and merged per
   * symbol. Every requested symbol is a key of the result, in request order, with no bars when Alpaca has
   * none.
   */
  async getBars(query: BarsQuery): Promise<Map<string, Bar[]>> {
    const limit = inRange('pageLimit', query.pageLimit ?? BARS_PAGE_MAX, BARS_PAGE_MAX);
    const out = new Map<string, Bar[]>(query.symbols.map((s) => [s, []]));
    const { stocks, crypto } = splitSymbols(query.symbols);
    const e = 'GET /v2/stocks/bars';
    await Promise.all([
      stocks.length === 0
        ? undefined
        : readBarPages(this.client, e, chunks(stocks, this.chunkSize), out, (symbols, pageToken) =>
            this.api.stocks.stockBarsRaw({
              symbols,
              timeframe: query.timeframe,
              start: new Date(query.start),
              end: query.end === undefined ? undefined : new Date(query.end),
              limit,
              adjustment: query.adjustment,
              feed: this.feed,
              sort: 'asc',
              pageToken,
            }),
          ),
      crypto.length === 0 ? undefined : this.crypto.bars(crypto, query, limit, out),
    ]);
    return out;
  }

  /** The latest trade of each symbol (stocks on the configured feed). */
  async getLatestTrades(symbols: readonly string[]): Promise<Map<string, TradeTick>> {
    return this.bySource(symbols, (s) => this.stockLatestTrades(s), (c) => this.crypto.latestTrades(c));
  }

  /** The latest quote of each symbol (stocks on the configured feed). */
  async getLatestQuotes(symbols: readonly string[]): Promise<Map<string, Quote>> {
    return this.bySource(symbols, (s) => this.stockLatestQuotes(s), (c) => this.crypto.latestQuotes(c));
  }

  /** Snapshots; any part of one may be missing. */
  async getSnapshots(symbols: readonly string[]): Promise<Map<string, Snapshot>> {
    return this.bySource(symbols, (s) => this.stockSnapshots(s), (c) => this.crypto.snapshots(c));
  }

  /** Sends the stocks part and the crypto part of a request together (each only when it has symbols) and merges them. */
  private async bySource<T>(
    symbols: readonly string[],
    stocks: (s: string[]) => Promise<Map<string, T>>,
    crypto: (c: string[]) => Promise<Map<string, T>>,
  ): Promise<Map<string, T>> {
    const split = splitSymbols(symbols);
    const none = async () => new Map<string, T>();
    const [out, pairs] = await Promise.all([split.stocks.length ? stocks(split.stocks) : none(), split.crypto.length ? crypto(split.crypto) : none()]);
    for (const [symbol, value] of pairs) out.set(symbol, value);
    return out;
  }

  private async stockLatestTrades(symbols: string[]): Promise<Map<string, TradeTick>> {
    const e = 'GET /v2/stocks/trades/latest';
    const out = new Map<string, TradeTick>();
    for (const chunk of chunks(symbols, this.chunkSize)) {
      const body = await this.client.request('data', e, () => this.api.stocks.stockLatestTradesRaw({ symbols: chunk.join(','), feed: this.feed }));
      for (const [symbol, t] of Object.entries(decode(latestTradesWire, body, e).trades)) out.set(symbol, tradeFromWire(t));
    }
    return out;
  }

  private async stockLatestQuotes(symbols: string[]): Promise<Map<string, Quote>> {
    const e = 'GET /v2/stocks/quotes/latest';
    const out = new Map<string, Quote>();
    for (const chunk of chunks(symbols, this.chunkSize)) {
      const body = await this.client.request('data', e, () => this.api.stocks.stockLatestQuotesRaw({ symbols: chunk.join(','), feed: this.feed }));
      for (const [symbol, q] of Object.entries(decode(latestQuotesWire, body, e).quotes)) out.set(symbol, quoteFromWire(q));
    }
    return out;
  }

  /** Stock snapshots: Alpaca answers a top-level map keyed by symbol. */
  private async stockSnapshots(symbols: string[]): Promise<Map<string, Snapshot>> {
    const e = 'GET /v2/stocks/snapshots';
    const out = new Map<string, Snapshot>();
    for (const chunk of chunks(symbols, this.chunkSize)) {
      const body = await this.client.request('data', e, () => this.api.stocks.stockSnapshotsRaw({ symbols: chunk.join(','), feed: this.feed }));
      for (const [symbol, s] of Object.entries(decode(snapshotsWire, body, e))) out.set(symbol, snapshotFromWire(symbol, s));
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
