import { DAY_MS, type EpochMs } from '../../domain/time.ts';
import type { NewsBatch, NewsQuery, NewsSource } from '../../ports/news-source.port.ts';
import { AppError } from '../../shared/errors.ts';
import { scrubSecrets } from '../../platform/logger.ts';
import { fetchText, httpStatusError, parseJsonBody } from './http-fetch.ts';
import { inWindow } from './news-item.build.ts';
import { NEWSAPI_SOURCE, classifyNewsApiError, mapNewsApiArticles, readNewsApiReply } from './newsapi.parse.ts';
import { SourceGuard, withDefaults, type BackoffPolicy, type NewsSourceDeps } from './source-guard.ts';

/** Which endpoint to ask: a search (`everything`, needs `q`) or the headlines of a category. */
export type NewsApiRequest =
  | { endpoint: 'everything'; q: string; domains?: readonly string[]; language?: string }
  | { endpoint: 'top-headlines'; category?: string; country?: string };

export interface NewsApiOptions {
  apiKey: string;
  /** The free (developer) plan serves articles 24 h late: its items are marked `delayed`. */
  plan?: 'free' | 'paid';
  /** Free plan: 100 a day. */
  requestsPerDay?: number;
  request?: NewsApiRequest;
  /** Articles per request (at most 100). */
  pageSize?: number;
  baseUrl?: string;
  backoff?: BackoffPolicy;
  requestTimeoutMs?: number;
}

const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 120_000, maxMs: 2 * 3_600_000 };
const FREE_PLAN_DELAY_MS = DAY_MS;

/** NewsAPI.org: general and business news without tickers; on the free plan a day late. */
export class NewsApiSource implements NewsSource {
  readonly name = NEWSAPI_SOURCE;
  private readonly guard: SourceGuard;
  private readonly opts: Required<NewsApiOptions>;

  constructor(options: NewsApiOptions, private readonly deps: NewsSourceDeps) {
    if (!options.apiKey.trim()) throw new AppError('CONFIG_INVALID', 'newsapi: an API key is required');
    this.opts = withDefaults<NewsApiOptions>(
      {
        apiKey: options.apiKey,
        plan: 'free',
        requestsPerDay: 100,
        request: { endpoint: 'top-headlines', category: 'business', country: 'us' },
        pageSize: 100,
        baseUrl: 'https://newsapi.org/v2',
        backoff: DEFAULT_BACKOFF,
        requestTimeoutMs: 15_000,
      },
      options,
    );
    const day = this.opts.requestsPerDay;
    this.guard = new SourceGuard(
      this.name,
      [{ label: 'daily quota', bucket: 'news:newsapi:day', spec: { capacity: day, refillPerSecond: day / 86_400 }, quota: true }],
      deps,
      this.opts.backoff,
    );
  }

  /** Articles published since `query.since` (see `windowStart` for the free plan); symbols are not sent. */
  async fetchSince(query: NewsQuery): Promise<NewsBatch> {
    const delayed = this.opts.plan === 'free';
    const since = this.windowStart(query.since, delayed);
    const url = this.url(since, query);
    const batch = await this.guard.run(async () => {
      // The key goes in the X-Api-Key header (documented alternative to ?apiKey=), so no URL carries it.
      const reply = await fetchText(this.deps.fetch, {
        source: this.name,
        url,
        headers: { 'X-Api-Key': this.opts.apiKey },
        secrets: [this.opts.apiKey],
        timeoutMs: this.opts.requestTimeoutMs,
      });
      const looksJson = reply.body.trimStart().startsWith('{');
      if ((reply.status < 200 || reply.status > 299) && !looksJson) throw httpStatusError(this.name, url, reply);
      const r = readNewsApiReply(parseJsonBody(this.name, reply.body));
      if (r.kind === 'error') {
        const c = classifyNewsApiError(r.code);
        if (c.quota) await this.guard.exhaust();
        const msg = `${this.name}: ${r.code} (HTTP ${reply.status}): ${scrubSecrets(r.message, [this.opts.apiKey])}`;
        throw new AppError(c.code, msg, {
          retryable: c.retryable,
          ...(reply.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: reply.retryAfterSeconds }),
        });
      }
      if (r.kind === 'invalid') throw new AppError('DATA_INVALID', `${this.name}: unexpected response shape (${r.reason})`);
      if (reply.status < 200 || reply.status > 299) throw httpStatusError(this.name, url, reply);
      return mapNewsApiArticles(r.articles, this.deps.clock.now(), delayed);
    });
    return { items: batch.items.filter((i) => inWindow(i.version, { since, until: query.until })), skipped: batch.skipped };
  }

  /**
   * The free plan hides the last 24 h, so a window starting inside them would always come back empty:
   * such a `since` (the time of the last collection) is moved back by the delay, to the articles that
   * became visible since then. An older `since` (the newest stored version) is already on the delayed
   * timescale and is kept.
   */
  private windowStart(since: EpochMs, delayed: boolean): EpochMs {
    return delayed && since >= this.deps.clock.now() - FREE_PLAN_DELAY_MS ? since - FREE_PLAN_DELAY_MS : since;
  }

  private url(since: EpochMs, query: NewsQuery): string {
    const r = this.opts.request;
    const p = new URLSearchParams({ pageSize: String(Math.min(query.limit ?? this.opts.pageSize, 100)) });
    if (r.endpoint === 'everything') {
      p.set('q', r.q);
      p.set('sortBy', 'publishedAt');
      p.set('from', new Date(since).toISOString().slice(0, 19));
      if (query.until !== undefined) p.set('to', new Date(query.until).toISOString().slice(0, 19));
      if (r.domains?.length) p.set('domains', r.domains.join(','));
      if (r.language) p.set('language', r.language);
    } else {
      if (r.category) p.set('category', r.category);
      if (r.country) p.set('country', r.country);
    }
    return `${this.opts.baseUrl}/${r.endpoint}?${p.toString()}`;
  }
}
