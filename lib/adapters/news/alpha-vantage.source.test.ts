import { describe, expect, it } from 'vitest';
import { AlphaVantageNewsSource, type AlphaVantageOptions } from './alpha-vantage.source.ts';
import { parseTimePublished } from './alpha-vantage.parse.ts';
import { newsContentHash } from './content-hash.ts';
import { failure, manualClock, readFixture, reply, scriptedFetch, sourceDeps, type Script } from './news-test-kit.ts';

const KEY = 'AVKEY-7Q2W9E4R';
const T0 = Date.UTC(2026, 10, 20, 14, 0, 0);
const SINCE = Date.UTC(2026, 10, 20, 12, 0, 0);
const FEED = readFixture('alpha-vantage.news-sentiment.jsonc');

function setup(script: Script, options: Partial<AlphaVantageOptions> = {}) {
  const clock = manualClock(T0);
  const { fetch, requests } = scriptedFetch(script);
  const deps = sourceDeps(fetch, clock);
  return { source: new AlphaVantageNewsSource({ apiKey: KEY, ...options }, deps), requests, clock, deps };
}

function mutatedFeed(edit: (feed: Record<string, unknown>[]) => void): string {
  const json = JSON.parse(FEED) as { feed: Record<string, unknown>[] };
  edit(json.feed);
  return JSON.stringify(json);
}

describe('AlphaVantageNewsSource', () => {
  it('maps_the_recorded_feed_into_news_items_with_ticker_sentiment_in_meta', async () => {
    const { source, requests } = setup(() => reply(FEED));
    const batch = await source.fetchSince({ since: SINCE });
    expect(batch.skipped).toEqual([]);
    expect(batch.items).toHaveLength(3);
    const [acme, btc, cnbc] = batch.items;
    expect(acme).toEqual({
      source: 'alphavantage',
      sourceId: 'https://www.benzinga.com/news/26/11/40112233/acme-robotics-raises-full-year-guidance-after-record-quarter',
      version: Date.UTC(2026, 10, 20, 13, 30, 45),
      publishedAt: Date.UTC(2026, 10, 20, 13, 30, 45),
      receivedAt: T0,
      headline: 'Acme Robotics Raises Full-Year Guidance After Record Quarter - Acme Robotics ( NASDAQ:ACMR )',
      summary: 'Acme Robotics Inc. ACMR reported third-quarter revenue of $412 million, up 38% year over year, and raised its full-year outlook.',
      url: 'https://www.benzinga.com/news/26/11/40112233/acme-robotics-raises-full-year-guidance-after-record-quarter',
      symbols: ['ACMR', 'ABB'],
      contentHash: newsContentHash(acme!.headline, acme!.summary),
      meta: {
        publisher: 'Benzinga',
        sourceDomain: 'www.benzinga.com',
        category: 'News',
        authors: ['Jane Analyst'],
        topics: [
          { topic: 'Earnings', relevance: 0.999998 },
          { topic: 'Technology', relevance: 1 },
        ],
        overallSentimentScore: 0.381204,
        overallSentimentLabel: 'Bullish',
        tickerSentiment: [
          { ticker: 'ACMR', relevance: 0.904419, score: 0.512337, label: 'Bullish' },
          { ticker: 'ABB', relevance: 0.071952, score: 0, label: 'Neutral' },
        ],
      },
    });
    expect(btc!.version).toBe(Date.UTC(2026, 10, 20, 13, 15, 2));
    expect(btc!.symbols).toEqual(['CRYPTO:BTC', 'FOREX:USD']);
    expect(cnbc!.symbols).toEqual([]);
    expect(cnbc!.summary).toBe('');
    expect(batch.items.every((i) => i.delayed === undefined)).toBe(true);
    const url = new URL(requests[0]!.url);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ function: 'NEWS_SENTIMENT', sort: 'LATEST', time_from: '20261120T1200', apikey: KEY });
  });

  it('skips_malformed_articles_with_their_reasons_and_keeps_the_rest', async () => {
    const body = mutatedFeed((feed) => {
      feed[0]!.time_published = '2026-11-20 13:30';
      (feed[1]!.ticker_sentiment as Record<string, unknown>[])[0]!.relevance_score = 'high';
      feed.push({ ...feed[2]!, url: 'https://example.com/no-title', title: '   ' });
      feed.push({ ...feed[2]!, url: 'https://example.com/feb-30', time_published: '20260230T101500' });
    });
    const batch = await setup(() => reply(body)).source.fetchSince({ since: SINCE });
    expect(batch.items.map((i) => i.sourceId)).toEqual(['https://www.cnbc.com/2026/11/20/top-wall-street-analysts-best-stocks.html']);
    expect(batch.skipped).toEqual([
      { source: 'alphavantage', sourceId: expect.stringContaining('acme-robotics'), reason: expect.stringContaining('time_published: expected text matching') },
      { source: 'alphavantage', sourceId: expect.stringContaining('bitcoin-slides'), reason: expect.stringContaining('ticker_sentiment.0.relevance_score') },
      { source: 'alphavantage', sourceId: 'https://example.com/no-title', reason: 'title: empty headline' },
      { source: 'alphavantage', sourceId: 'https://example.com/feb-30', reason: 'time_published: not a real date and time' },
    ]);
  });

  it('rejects_a_reply_without_a_feed_as_data_invalid_and_backs_off', async () => {
    const { source, requests } = setup(() => reply('{"items": "0", "feed": {"title": "not a list"}}'));
    const e = await failure(source.fetchSince({ since: SINCE }));
    expect(e.code).toBe('DATA_INVALID');
    expect(e.message).toContain('feed');
    const again = await failure(source.fetchSince({ since: SINCE }));
    expect(again.code).toBe('RATE_LIMITED');
    expect(again.details).toEqual({ source: 'alphavantage', reason: 'backoff', until: T0 + 120_000 });
    expect(requests).toHaveLength(1);
  });

  it('refuses_without_calling_when_the_daily_quota_is_spent', async () => {
    const { source, requests } = setup(() => reply(FEED), { requestsPerDay: 2 });
    await source.fetchSince({ since: SINCE });
    await source.fetchSince({ since: SINCE });
    const e = await failure(source.fetchSince({ since: SINCE }));
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.message).toBe(`alphavantage: daily quota exhausted until ${new Date(T0 + 43_200_000).toISOString()}`);
    expect(e.details).toEqual({ source: 'alphavantage', reason: 'budget', until: T0 + 43_200_000 });
    expect(requests).toHaveLength(2);
  });

  it('treats_the_quota_notice_as_rate_limited_spends_the_budget_and_hides_the_key', async () => {
    const notice = readFixture('alpha-vantage.rate-limit.jsonc').replace('__APIKEY__', KEY);
    const { source, requests, clock } = setup(() => reply(notice));
    const e = await failure(source.fetchSince({ since: SINCE }));
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.retryable).toBe(true);
    expect(e.message).toContain('25 requests per day');
    expect(e.message).not.toContain(KEY);
    // Past the backoff (2 min), before one of the 25 daily tokens refills (57.6 min).
    clock.advance(10 * 60_000);
    const later = await failure(source.fetchSince({ since: SINCE }));
    expect(later.details).toEqual({ source: 'alphavantage', reason: 'budget', until: expect.any(Number) });
    expect(later.message).toMatch(/daily quota exhausted until 2026-11-20T/);
    expect(requests).toHaveLength(1);
  });

  it('maps_http_5xx_and_429_to_retryable_errors_with_exponential_backoff', async () => {
    const statuses = [503, 429, 200, 200];
    const { source, requests, clock } = setup((_url, n) =>
      statuses[n] === 200 ? reply(FEED) : reply('busy', statuses[n], statuses[n] === 429 ? { 'retry-after': '30' } : {}),
    );
    const first = await failure(source.fetchSince({ since: SINCE }));
    expect([first.code, first.retryable]).toEqual(['DEPENDENCY_UNAVAILABLE', true]);
    expect((await failure(source.fetchSince({ since: SINCE }))).details).toMatchObject({ reason: 'backoff', until: T0 + 120_000 });
    clock.advance(120_000);
    const second = await failure(source.fetchSince({ since: SINCE }));
    expect([second.code, second.retryable, second.retryAfterSeconds]).toEqual(['RATE_LIMITED', true, 30]);
    expect((await failure(source.fetchSince({ since: SINCE }))).details).toMatchObject({ until: T0 + 120_000 + 240_000 });
    clock.advance(240_000);
    expect((await source.fetchSince({ since: SINCE })).items).toHaveLength(3);
    expect((await source.fetchSince({ since: SINCE })).items).toHaveLength(3);
    expect(requests).toHaveLength(4);
  });

  it('never_puts_the_api_key_in_an_error_message', async () => {
    const urlWithKey = `https://www.alphavantage.co/query?function=NEWS_SENTIMENT&apikey=${KEY}`;
    const down = setup(() => new Error(`getaddrinfo ENOTFOUND while fetching ${urlWithKey}`));
    const e = await failure(down.source.fetchSince({ since: SINCE }));
    expect(e.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(e.message).toContain('www.alphavantage.co/query');
    const refused = setup(() => reply(JSON.stringify({ 'Error Message': `the parameter apikey ${KEY} is invalid or missing.` })));
    const r = await failure(refused.source.fetchSince({ since: SINCE }));
    expect(r.code).toBe('CONFIG_INVALID');
    for (const err of [e, r]) expect(JSON.stringify({ message: err.message, details: err.details, stack: err.stack })).not.toContain(KEY);
  });

  it('sends_one_ticker_as_the_tickers_filter_and_filters_several_locally', async () => {
    const { source, requests } = setup(() => reply(FEED));
    await source.fetchSince({ since: SINCE, symbols: ['acmr'] });
    expect(new URL(requests[0]!.url).searchParams.get('tickers')).toBe('ACMR');
    const batch = await source.fetchSince({ since: SINCE, symbols: ['ACMR', 'TSLA'] });
    expect(new URL(requests[1]!.url).searchParams.has('tickers')).toBe(false);
    expect(batch.items.map((i) => i.symbols[0])).toEqual(['ACMR']);
  });

  it('drops_articles_published_before_the_window', async () => {
    const batch = await setup(() => reply(FEED)).source.fetchSince({ since: Date.UTC(2026, 10, 20, 13, 15, 2) });
    expect(batch.items.map((i) => i.symbols[0])).toEqual(['ACMR', 'CRYPTO:BTC']);
  });

  it('reads_time_published_as_utc_and_rejects_impossible_dates', () => {
    expect(parseTimePublished('20261120T133045')).toBe(Date.UTC(2026, 10, 20, 13, 30, 45));
    expect(parseTimePublished('20261120T133045Z')).toBe(Date.UTC(2026, 10, 20, 13, 30, 45));
    expect(parseTimePublished('20261320T133045')).toBeNull();
    expect(parseTimePublished('20261120T246000')).toBeNull();
  });

  it('refuses_to_start_without_an_api_key', () => {
    expect(() => setup(() => reply(FEED), { apiKey: ' ' })).toThrow(/API key is required/);
  });
});
