import { DAY_MS } from '../../domain/time.ts';
import type { NewsBatch, NewsQuery, NewsSource } from '../../ports/news-source.port.ts';
import { AppError } from '../../shared/errors.ts';
import { fetchText, okBody, parseJsonBody } from './http-fetch.ts';
import { inWindow } from './news-item.build.ts';
import { CompanyTickerCache, parseCompanyTickers } from './sec-company-tickers.ts';
import { SEC_EDGAR_SOURCE, mapEdgarEntries, oldestUpdated, readEdgarFeed } from './sec-edgar.parse.ts';
import { SourceGuard, withDefaults, type BackoffPolicy, type NewsSourceDeps } from './source-guard.ts';

export interface SecEdgarOptions {
  /** Declared User-Agent, "Name email@example.com": the SEC blocks requests without one. */
  userAgent: string;
  /** The SEC's fair-access limit is 10 a second (the most allowed here). */
  requestsPerSecond?: number;
  /** Older feed pages (100 filings each) read when the newest page does not reach back to `since`. */
  maxPages?: number;
  feedUrl?: string;
  tickersUrl?: string;
  tickerMapTtlMs?: number;
  backoff?: BackoffPolicy;
  requestTimeoutMs?: number;
  /** Further attempts after a timeout or 5xx within one call. */
  retries?: number;
}

const PAGE_SIZE = 100;
const USER_AGENT = /^\S.*\s+[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** SEC EDGAR's current 8-K filings (Atom), linked to tickers through the SEC's CIK → ticker file. */
export class SecEdgarNewsSource implements NewsSource {
  readonly name = SEC_EDGAR_SOURCE;
  private readonly guard: SourceGuard;
  private readonly tickers: CompanyTickerCache;
  private readonly opts: Required<SecEdgarOptions>;

  constructor(options: SecEdgarOptions, private readonly deps: NewsSourceDeps) {
    if (!USER_AGENT.test(options.userAgent.trim())) {
      throw new AppError('CONFIG_INVALID', 'sec-edgar: a declared User-Agent "Name email@example.com" is required (the SEC blocks undeclared tools)');
    }
    this.opts = withDefaults<SecEdgarOptions>(
      {
        userAgent: options.userAgent.trim(),
        requestsPerSecond: 10,
        maxPages: 3,
        feedUrl: 'https://www.sec.gov/cgi-bin/browse-edgar',
        tickersUrl: 'https://www.sec.gov/files/company_tickers.json',
        tickerMapTtlMs: DAY_MS,
        backoff: { baseMs: 30_000, maxMs: 30 * 60_000 },
        requestTimeoutMs: 15_000,
        retries: 1,
      },
      { ...options, userAgent: options.userAgent.trim() },
    );
    const rps = Math.min(10, Math.max(0.1, this.opts.requestsPerSecond));
    // A bucket of one token spaces requests 1/rps apart, so no one-second window holds more than rps
    // (a full bucket of rps would allow twice that across a window boundary). Waiting a moment for a
    // token beats giving up the tick.
    const spec = { capacity: 1, refillPerSecond: rps };
    this.guard = new SourceGuard(this.name, [{ label: 'rate limit', bucket: 'news:sec-edgar:second', spec, maxWaitMs: 2_000 }], deps, this.opts.backoff);
    this.tickers = new CompanyTickerCache(() => this.downloadTickers(), deps.store, deps.clock, this.opts.tickerMapTtlMs);
  }

  /**
   * 8-K filings accepted since `query.since`, newest pages first. Fails rather than return filings
   * without tickers when the CIK map cannot be had.
   */
  async fetchSince(query: NewsQuery): Promise<NewsBatch> {
    const tickers = await this.tickers.get();
    const entries: unknown[] = [];
    let covered = false;
    for (let page = 0; page < this.opts.maxPages && !covered; page++) {
      const pageEntries = await this.get(this.pageUrl(page), (body) => readEdgarFeed(body));
      entries.push(...pageEntries);
      const oldest = oldestUpdated(pageEntries);
      covered = pageEntries.length < PAGE_SIZE || oldest === null || oldest < query.since;
    }
    const batch = mapEdgarEntries(entries, tickers, this.deps.clock.now());
    // Filings older than the last page read are not seen: say so where skips are recorded.
    if (!covered) batch.skipped.push({ source: this.name, sourceId: null, reason: `more than ${this.opts.maxPages * PAGE_SIZE} filings since the window start: older ones were not read` });
    const wanted = query.symbols?.length ? new Set(query.symbols.map((s) => s.toUpperCase())) : null;
    return {
      items: batch.items.filter((i) => inWindow(i.version, query) && (!wanted || i.symbols.some((s) => wanted.has(s)))),
      skipped: batch.skipped,
    };
  }

  private async get<T>(url: string, read: (body: string) => T): Promise<T> {
    return this.guard.run(async () => {
      const reply = await fetchText(this.deps.fetch, {
        source: this.name,
        url,
        headers: { 'User-Agent': this.opts.userAgent, Accept: 'application/atom+xml, application/json;q=0.9, */*;q=0.5' },
        timeoutMs: this.opts.requestTimeoutMs,
      });
      return read(okBody(this.name, url, reply));
    }, this.opts.retries);
  }

  private downloadTickers(): Promise<Map<string, string[]>> {
    return this.get(this.opts.tickersUrl, (body) => parseCompanyTickers(parseJsonBody(this.name, body)));
  }

  private pageUrl(page: number): string {
    const p = new URLSearchParams({ action: 'getcurrent', type: '8-K', company: '', dateb: '', owner: 'include', start: String(page * PAGE_SIZE), count: String(PAGE_SIZE), output: 'atom' });
    return `${this.opts.feedUrl}?${p.toString()}`;
  }
}
