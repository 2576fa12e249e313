import type { NewsBatch, NewsQuery, NewsSource, SkippedNewsItem } from '../../ports/news-source.port.ts';
import type { NewsItem } from '../../domain/news.ts';
import { AppError, isAppError } from '../../shared/errors.ts';
import { newsContentHash } from '../news/content-hash.ts';
import type { AlpacaClient } from './alpaca.client.ts';
import { decode } from './alpaca.parse.ts';
import { newsItemWire, newsPageWire, type NewsItemWire } from './alpaca.market-data.models.ts';

export interface AlpacaNewsOptions {
  /** Pages per fetch at most (50 items each), so one call stays inside a function's time. Default 20. */
  maxPages?: number;
}

const PAGE_MAX = 50;
const SOURCE = 'alpaca';
const ENDPOINT = 'GET /v1beta1/news';

function toNewsItem(w: NewsItemWire, receivedAt: number): NewsItem {
  const summary = w.summary ?? '';
  const meta: Record<string, unknown> = {};
  if (w.author) meta.author = w.author;
  if (w.source) meta.provider = w.source;
  return {
    source: SOURCE,
    sourceId: String(w.id),
    // Benzinga edits stories in place; updated_at orders the versions.
    version: w.updated_at,
    publishedAt: w.created_at,
    receivedAt,
    headline: w.headline,
    summary,
    url: w.url ? w.url : null,
    symbols: [...new Set(w.symbols.map((s) => s.toUpperCase()))],
    contentHash: newsContentHash(w.headline, summary),
    ...(Object.keys(meta).length ? { meta } : {}),
  };
}

/**
 * Alpaca News (Benzinga) as a NewsSource. Items come oldest first, so a fetch cut short by `limit` or
 * `maxPages` loses nothing: the caller's next `since` picks up where this one stopped. An item that does
 * not parse is skipped with the field named; a malformed page fails the whole fetch.
 */
export class AlpacaNewsSource implements NewsSource {
  readonly name = SOURCE;
  private readonly maxPages: number;

  constructor(
    private readonly client: AlpacaClient,
    options: AlpacaNewsOptions = {},
  ) {
    this.maxPages = options.maxPages ?? 20;
  }

  /** Items created or updated since `query.since`, oldest first, every page up to the limits. */
  async fetchSince(query: NewsQuery): Promise<NewsBatch> {
    const wanted = query.limit ?? Number.POSITIVE_INFINITY;
    const items: NewsItem[] = [];
    const skipped: SkippedNewsItem[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < this.maxPages && items.length < wanted; page++) {
      const token = pageToken;
      const body = await this.client.request('data', ENDPOINT, () =>
        this.client.sdk.marketData.news.newsRaw({
          start: new Date(query.since),
          end: query.until === undefined ? undefined : new Date(query.until),
          symbols: query.symbols?.length ? query.symbols.join(',') : undefined,
          limit: Math.min(PAGE_MAX, wanted - items.length),
          sort: 'asc',
          includeContent: false,
          pageToken: token,
        }),
      );
      const parsed = decode(newsPageWire, body, ENDPOINT);
      const receivedAt = this.client.clock.now();
      parsed.news.forEach((raw, i) => {
        try {
          items.push(toNewsItem(decode(newsItemWire, raw, `${ENDPOINT} news[${i}]`), receivedAt));
        } catch (e) {
          if (!isAppError(e)) throw e;
          const id = (raw as { id?: unknown } | null)?.id;
          skipped.push({ source: SOURCE, sourceId: typeof id === 'number' || typeof id === 'string' ? String(id) : null, reason: e.message });
        }
      });
      pageToken = parsed.next_page_token ?? undefined;
      if (pageToken === undefined) break;
      if (pageToken === token) throw new AppError('DATA_INVALID', `Alpaca ${ENDPOINT}: next_page_token repeated; refusing to loop`);
    }
    return { items: items.slice(0, wanted), skipped };
  }
}
