import type { Bar, Timeframe } from '../../domain/market.ts';
import type { EpochMs } from '../../domain/time.ts';
import { isAppError } from '../../shared/errors.ts';
import type { AlpacaClient } from './alpaca.client.ts';
import type { CryptoLocation } from './alpaca.crypto-data.ts';
import { BARS_PAGE_MAX } from './alpaca.data-requests.ts';
import { barsPageWire, newsItemWire, newsPageWire, type NewsItemWire } from './alpaca.market-data.models.ts';
import { barFromWire, decode } from './alpaca.parse.ts';

/**
 * Single pages of Alpaca's historical endpoints (`/v2/stocks/bars`, `/v1beta3/crypto/{loc}/bars`,
 * `/v1beta1/news`) for the history download, which stores and checkpoints page by page. Each page is one
 * request through the shared client: the same rate budget, error mapping and secret scrubbing as the live
 * adapters. Time windows are [start, end): Alpaca's `end` is inclusive, so one millisecond is taken off.
 */

/** The stocks feeds a history download may ask for, and Alpaca's bar adjustments. */
export type HistoryFeed = 'iex' | 'sip';
export type BarAdjustment = 'raw' | 'split' | 'dividend' | 'all';

export interface BarsPageRequest {
  market: 'stocks' | 'crypto';
  symbols: readonly string[];
  timeframe: Timeframe;
  start: EpochMs;
  end: EpochMs;
  /** Stocks only. */
  feed?: HistoryFeed;
  adjustment?: BarAdjustment;
  /** Crypto only. Default `us`. */
  cryptoLocation?: CryptoLocation;
  /** Bars across all symbols of a page. Default (and Alpaca's maximum) 10,000. */
  limit?: number;
}

/** One page of bars by symbol, and the token of the next page (undefined on the last). */
export interface BarsPage {
  bars: Map<string, Bar[]>;
  nextPageToken: string | undefined;
}

/** The endpoint a bars request goes to, as the client counts it. */
export function barsEndpoint(req: Pick<BarsPageRequest, 'market' | 'cryptoLocation'>): string {
  return req.market === 'stocks' ? 'GET /v2/stocks/bars' : `GET /v1beta3/crypto/${req.cryptoLocation ?? 'us'}/bars`;
}

/** Fetches one page of historical bars (sorted by symbol, then time). */
export async function fetchBarsPage(client: AlpacaClient, req: BarsPageRequest, pageToken: string | undefined): Promise<BarsPage> {
  const endpoint = barsEndpoint(req);
  const md = client.sdk.marketData;
  const common = {
    symbols: req.symbols.join(','),
    timeframe: req.timeframe,
    start: new Date(req.start),
    end: new Date(req.end - 1),
    limit: req.limit ?? BARS_PAGE_MAX,
    sort: 'asc' as const,
    pageToken,
  };
  const body = await client.request('data', endpoint, () =>
    req.market === 'stocks'
      ? md.stocks.stockBarsRaw({ ...common, feed: req.feed ?? 'iex', adjustment: req.adjustment ?? 'raw' })
      : md.crypto.cryptoBarsRaw({ ...common, loc: req.cryptoLocation ?? 'us' }),
  );
  const page = decode(barsPageWire, body, endpoint);
  const bars = new Map<string, Bar[]>();
  for (const [symbol, list] of Object.entries(page.bars ?? {})) bars.set(symbol, list.map(barFromWire));
  return { bars, nextPageToken: page.next_page_token ?? undefined };
}

export interface NewsPageRequest {
  /** Undefined: every symbol. */
  symbols?: readonly string[];
  start: EpochMs;
  end: EpochMs;
}

/** One page of news: the items that parsed, each bad one with its reason, and the next page's token. */
export interface NewsPage {
  items: NewsItemWire[];
  skipped: { id: string | null; reason: string }[];
  nextPageToken: string | undefined;
}

const NEWS_ENDPOINT = 'GET /v1beta1/news';

/** Fetches one page (50 items, Alpaca's maximum) of news, oldest first. */
export async function fetchNewsPage(client: AlpacaClient, req: NewsPageRequest, pageToken: string | undefined): Promise<NewsPage> {
  const body = await client.request('data', NEWS_ENDPOINT, () =>
    client.sdk.marketData.news.newsRaw({
      start: new Date(req.start),
      end: new Date(req.end - 1),
      symbols: req.symbols?.length ? req.symbols.join(',') : undefined,
      limit: 50,
      sort: 'asc',
      includeContent: false,
      pageToken,
    }),
  );
  const page = decode(newsPageWire, body, NEWS_ENDPOINT);
  const items: NewsItemWire[] = [];
  const skipped: NewsPage['skipped'] = [];
  page.news.forEach((raw, i) => {
    try {
      items.push(decode(newsItemWire, raw, `${NEWS_ENDPOINT} news[${i}]`));
    } catch (e) {
      if (!isAppError(e)) throw e;
      const id = (raw as { id?: unknown } | null)?.id;
      skipped.push({ id: typeof id === 'number' || typeof id === 'string' ? String(id) : null, reason: e.message });
    }
  });
  return { items, skipped, nextPageToken: page.next_page_token ?? undefined };
}
