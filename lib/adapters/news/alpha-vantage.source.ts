import type { EpochMs } from '../../domain/time.ts';
import type { NewsBatch, NewsQuery, NewsSource } from '../../ports/news-source.port.ts';
import { AppError } from '../../shared/errors.ts';
import { scrubSecrets } from '../../platform/logger.ts';
import { fetchText, okBody, parseJsonBody } from './http-fetch.ts';
import { inWindow } from './news-item.build.ts';
import { ALPHA_VANTAGE_SOURCE, mapAlphaVantageFeed, readAlphaVantageReply } from './alpha-vantage.parse.ts';
import { SourceGuard, withDefaults, type BackoffPolicy, type NewsSourceDeps } from './source-guard.ts';

export interface AlphaVantageOptions {
  apiKey: string;
  /** Free tier: 25 a day. */
  requestsPerDay?: number;
  /** Premium plans are sold by requests a minute; 5 keeps the free tier's old burst limit. */
  requestsPerMinute?: number;
  /** NEWS_SENTIMENT `topics` filter (e.g. earnings, mergers_and_acquisitions); none by default. */
  topics?: readonly string[];
  /** Articles per request (the API allows up to 1000). */
  limit?: number;
  baseUrl?: string;
  backoff?: BackoffPolicy;
  requestTimeoutMs?: number;
}

const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 120_000, maxMs: 2 * 3_600_000 };

/** `YYYYMMDDTHHMM` in UTC, the format of `time_from` and `time_to`. */
function minuteStamp(t: EpochMs): string {
  return new Date(t).toISOString().slice(0, 16).replace(/[-:]/g, '');
}

/** Alpha Vantage NEWS_SENTIMENT: articles with per-ticker sentiment, under a small daily quota. */
export class AlphaVantageNewsSource implements NewsSource {
  readonly name = ALPHA_VANTAGE_SOURCE;
  private readonly guard: SourceGuard;
  private readonly opts: Required<AlphaVantageOptions>;

  constructor(options: AlphaVantageOptions, private readonly deps: NewsSourceDeps) {
    if (!options.apiKey.trim()) throw new AppError('CONFIG_INVALID', 'alphavantage: an API key is required');
    this.opts = withDefaults<AlphaVantageOptions>(
      {
        apiKey: options.apiKey,
        requestsPerDay: 25,
        requestsPerMinute: 5,
        topics: [],
        limit: 200,
        baseUrl: 'https://www.alphavantage.co/query',
        backoff: DEFAULT_BACKOFF,
        requestTimeoutMs: 15_000,
      },
      options,
    );
    const { requestsPerDay: day, requestsPerMinute: minute } = this.opts;
    this.guard = new SourceGuard(
      this.name,
      [
        { label: 'per-minute rate limit', bucket: 'news:alphavantage:minute', spec: { capacity: minute, refillPerSecond: minute / 60 } },
        { label: 'daily quota', bucket: 'news:alphavantage:day', spec: { capacity: day, refillPerSecond: day / 86_400 }, quota: true },
      ],
      deps,
      this.opts.backoff,
    );
  }

  /** Articles published since `query.since`, newest first; refuses without calling when the quota is out. */
  async fetchSince(query: NewsQuery): Promise<NewsBatch> {
    const url = this.url(query);
    const batch = await this.guard.run(async () => {
      const reply = await fetchText(this.deps.fetch, { source: this.name, url, secrets: [this.opts.apiKey], timeoutMs: this.opts.requestTimeoutMs });
      const json = parseJsonBody(this.name, okBody(this.name, url, reply));
      const r = readAlphaVantageReply(json);
      // The notices may quote the key ("We have detected your API key as ..."): scrub before repeating them.
      const scrub = (text: string) => scrubSecrets(text, [this.opts.apiKey]);
      if (r.kind === 'rate-limited') {
        await this.guard.exhaust();
        throw new AppError('RATE_LIMITED', `${this.name}: quota used up at the source: ${scrub(r.message)}`);
      }
      if (r.kind === 'refused') {
        const code = /api ?key/i.test(r.message) ? 'CONFIG_INVALID' : 'DEPENDENCY_UNAVAILABLE';
        throw new AppError(code, `${this.name}: the request was refused: ${scrub(r.message)}`, { retryable: false });
      }
      if (r.kind === 'invalid') throw new AppError('DATA_INVALID', `${this.name}: unexpected response shape (${r.reason})`);
      return mapAlphaVantageFeed(r.feed, this.deps.clock.now());
    });
    const wanted = query.symbols && query.symbols.length > 1 ? new Set(query.symbols.map((s) => s.toUpperCase())) : null;
    return {
      items: batch.items.filter((i) => inWindow(i.version, query) && (!wanted || i.symbols.some((s) => wanted.has(s)))),
      skipped: batch.skipped,
    };
  }

  private url(query: NewsQuery): string {
    const p = new URLSearchParams({ function: 'NEWS_SENTIMENT', sort: 'LATEST', limit: String(Math.min(query.limit ?? this.opts.limit, 1000)) });
    p.set('time_from', minuteStamp(query.since));
    if (query.until !== undefined) p.set('time_to', minuteStamp(query.until));
    // `tickers` means articles about ALL the listed tickers, so only a single symbol is sent; several are
    // filtered here instead.
    if (query.symbols?.length === 1) p.set('tickers', query.symbols[0]!.toUpperCase());
    if (this.opts.topics.length > 0) p.set('topics', this.opts.topics.join(','));
    p.set('apikey', this.opts.apiKey);
    return `${this.opts.baseUrl}?${p.toString()}`;
  }
}
