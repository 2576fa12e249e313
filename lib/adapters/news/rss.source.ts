import type { NewsBatch, NewsQuery, NewsSource } from '../../ports/news-source.port.ts';
import { AppError } from '../../shared/errors.ts';
import { uniqueSymbols } from './feed-text.ts';
import { fetchText, okBody } from './http-fetch.ts';
import { inWindow, isHttpUrl } from './news-item.build.ts';
import { mapFeedEntries, readFeed, rssSourceName } from './rss.parse.ts';
import { SourceGuard, withDefaults, type BackoffPolicy, type NewsSourceDeps } from './source-guard.ts';

export interface RssFeedOptions {
  /** The feed's URL (RSS 2.0 or Atom). */
  url: string;
  /** Tickers every item of this feed is about (a per-symbol feed); none by default. */
  symbols?: readonly string[];
  /** Requests an hour to the feed's host, shared by every feed on that host. */
  requestsPerHour?: number;
  userAgent?: string;
  backoff?: BackoffPolicy;
  requestTimeoutMs?: number;
  /** Further attempts after a timeout or 5xx within one call. */
  retries?: number;
}

/** A generic RSS 2.0 or Atom feed, named `rss:<host>`, polled politely per host. */
export class RssNewsSource implements NewsSource {
  readonly name: string;
  private readonly guard: SourceGuard;
  private readonly symbols: string[];
  private readonly opts: Required<RssFeedOptions>;

  constructor(options: RssFeedOptions, private readonly deps: NewsSourceDeps) {
    if (!isHttpUrl(options.url)) throw new AppError('CONFIG_INVALID', 'rss: a feed URL must be http(s)');
    this.name = rssSourceName(options.url);
    this.symbols = uniqueSymbols(options.symbols ?? []);
    this.opts = withDefaults<RssFeedOptions>(
      {
        url: options.url,
        symbols: [],
        requestsPerHour: 30,
        userAgent: 'Catalyst news reader',
        backoff: { baseMs: 60_000, maxMs: 30 * 60_000 },
        requestTimeoutMs: 10_000,
        retries: 1,
      },
      options,
    );
    const host = new URL(options.url).host;
    const perHour = Math.max(1, this.opts.requestsPerHour);
    // A minute's worth of requests (at least 2) may go at once: several feeds on one host share the budget.
    const spec = { capacity: Math.max(2, Math.ceil(perHour / 60)), refillPerSecond: perHour / 3_600 };
    this.guard = new SourceGuard(
      this.name,
      [{ label: `request budget for ${host}`, bucket: `news:rss:${host}`, spec }],
      deps,
      this.opts.backoff,
    );
  }

  /** The feed's items dated since `query.since`, each with the feed's configured tickers. */
  async fetchSince(query: NewsQuery): Promise<NewsBatch> {
    const url = this.opts.url;
    const batch = await this.guard.run(async () => {
      const reply = await fetchText(this.deps.fetch, {
        source: this.name,
        url,
        headers: { 'User-Agent': this.opts.userAgent, Accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8' },
        timeoutMs: this.opts.requestTimeoutMs,
      });
      const feed = readFeed(this.name, okBody(this.name, url, reply));
      return mapFeedEntries(feed.format, feed.entries, { source: this.name, symbols: this.symbols, receivedAt: this.deps.clock.now() });
    }, this.opts.retries);
    // `query.symbols` is not applied: most feeds carry no tickers, and the text may still name the symbol
    // for the collector's linking to find.
    return { items: batch.items.filter((i) => inWindow(i.version, query)), skipped: batch.skipped };
  }
}
