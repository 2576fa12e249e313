import type { BarsQuery } from '../../ports/market-data.port.ts';
import type { Bar, Quote, Snapshot, TradeTick } from '../../domain/market.ts';
import type { AlpacaClient } from './alpaca.client.ts';
import { chunks, readBarPages, snapshotFromWire } from './alpaca.data-requests.ts';
import { cryptoSnapshotsWire, latestQuotesWire, latestTradesWire } from './alpaca.market-data.models.ts';
import { decode, quoteFromWire, tradeFromWire } from './alpaca.parse.ts';

/** Where Alpaca's crypto data comes from: `us` (Alpaca US, the default), `us-1` (Kraken US), `eu-1` (Kraken EU). */
export type CryptoLocation = 'us' | 'us-1' | 'eu-1';

/**
 * Crypto pairs (`BTC/USD`) on Alpaca's crypto data API, `/v1beta3/crypto/{loc}/…`, through the same
 * client as the stocks requests: same data host, same shared rate budget, same error mapping. The wire
 * keys are the stocks' (volumes and sizes fractional); there is no feed and no adjustment. The spec marks
 * these paths `security: []` and the SDK sends them without the API keys; they still count against the
 * data host's budget, which only errs on the careful side.
 */
export class AlpacaCryptoData {
  constructor(
    private readonly client: AlpacaClient,
    private readonly loc: CryptoLocation,
    private readonly chunkSize: number,
  ) {}

  private get api() {
    return this.client.sdk.marketData.crypto;
  }

  private endpoint(path: string): string {
    return `GET /v1beta3/crypto/${this.loc}/${path}`;
  }

  /** Bars of `pairs` into `out`, paged as the stocks bars are (`limit` counts across all pairs of a page). */
  async bars(pairs: readonly string[], query: BarsQuery, limit: number, out: Map<string, Bar[]>): Promise<void> {
    const e = this.endpoint('bars');
    await readBarPages(this.client, e, chunks(pairs, this.chunkSize), out, (symbols, pageToken) =>
      this.api.cryptoBarsRaw({
        loc: this.loc,
        symbols,
        timeframe: query.timeframe,
        start: new Date(query.start),
        end: query.end === undefined ? undefined : new Date(query.end),
        limit,
        sort: 'asc',
        pageToken,
      }),
    );
  }

  /** The latest trade of each pair (a pair with none is absent). */
  async latestTrades(pairs: readonly string[]): Promise<Map<string, TradeTick>> {
    const e = this.endpoint('latest/trades');
    const out = new Map<string, TradeTick>();
    for (const chunk of chunks(pairs, this.chunkSize)) {
      const body = await this.client.request('data', e, () => this.api.cryptoLatestTradesRaw({ loc: this.loc, symbols: chunk.join(',') }));
      for (const [symbol, t] of Object.entries(decode(latestTradesWire, body, e).trades)) out.set(symbol, tradeFromWire(t));
    }
    return out;
  }

  /** The latest quote of each pair (sizes in coins). */
  async latestQuotes(pairs: readonly string[]): Promise<Map<string, Quote>> {
    const e = this.endpoint('latest/quotes');
    const out = new Map<string, Quote>();
    for (const chunk of chunks(pairs, this.chunkSize)) {
      const body = await this.client.request('data', e, () => this.api.cryptoLatestQuotesRaw({ loc: this.loc, symbols: chunk.join(',') }));
      for (const [symbol, q] of Object.entries(decode(latestQuotesWire, body, e).quotes)) out.set(symbol, quoteFromWire(q));
    }
    return out;
  }

  /** Snapshots; unlike the stocks endpoint, Alpaca wraps the map in `snapshots`. */
  async snapshots(pairs: readonly string[]): Promise<Map<string, Snapshot>> {
    const e = this.endpoint('snapshots');
    const out = new Map<string, Snapshot>();
    for (const chunk of chunks(pairs, this.chunkSize)) {
      const body = await this.client.request('data', e, () => this.api.cryptoSnapshotsRaw({ loc: this.loc, symbols: chunk.join(',') }));
      for (const [symbol, s] of Object.entries(decode(cryptoSnapshotsWire, body, e).snapshots)) out.set(symbol, snapshotFromWire(symbol, s));
    }
    return out;
  }
}
