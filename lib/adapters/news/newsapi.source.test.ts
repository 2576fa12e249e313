import { describe, expect, it } from 'vitest';
import { newsContentHash } from './content-hash.ts';
import { NewsApiSource, type NewsApiOptions } from './newsapi.source.ts';
import { failure, manualClock, readFixture, reply, scriptedFetch, sourceDeps, type Script } from './news-test-kit.ts';

const KEY = 'newsapi-key-5f1e2d3c4b5a';
const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);
const SINCE = Date.UTC(2026, 10, 21, 12, 0, 0);
const REPLY = readFixture('newsapi.everything.jsonc');
const RATE_LIMITED = readFixture('newsapi.error.jsonc');

function setup(script: Script, options: Partial<NewsApiOptions> = {}) {
  const clock = manualClock(T0);
  const { fetch, requests } = scriptedFetch(script);
  return { source: new NewsApiSource({ apiKey: KEY, ...options }, sourceDeps(fetch, clock)), requests, clock };
}

function mutated(edit: (articles: Record<string, unknown>[]) => void): string {
  const json = JSON.parse(REPLY) as { articles: Record<string, unknown>[] };
  edit(json.articles);
  return JSON.stringify(json);
}

describe('NewsApiSource', () => {
  it('maps_the_recorded_reply_into_delayed_items_and_skips_the_removed_placeholder', async () => {
    const { source } = setup(() => reply(REPLY));
    const batch = await source.fetchSince({ since: SINCE });
    const [deal, oil] = batch.items;
    expect(batch.items).toHaveLength(2);
    expect(deal).toEqual({
      source: 'newsapi',
      sourceId: 'https://www.reuters.com/markets/deals/acme-robotics-buy-beta-sensors-2026-11-20/',
      version: Date.UTC(2026, 10, 20, 13, 45, 0),
      publishedAt: Date.UTC(2026, 10, 20, 13, 45, 0),
      receivedAt: T0,
      headline: 'Acme Robotics to buy Beta Sensors for $1.2 billion in cash',
      summary: 'Acme Robotics said on Friday it would acquire Beta Sensors for $1.2 billion , its largest deal to date.',
      url: 'https://www.reuters.com/markets/deals/acme-robotics-buy-beta-sensors-2026-11-20/',
      symbols: [],
      contentHash: newsContentHash(deal!.headline, deal!.summary),
      delayed: true,
      meta: { publisher: 'Reuters', publisherId: 'reuters', author: 'Maria Reporter' },
    });
    expect(oil).toMatchObject({ summary: '', delayed: true, meta: { publisher: 'Yahoo Entertainment', publisherId: null, author: null } });
    expect(batch.skipped).toEqual([{ source: 'newsapi', sourceId: 'https://removed.com', reason: 'removed by its publisher (NewsAPI placeholder)' }]);
  });

  it('sends_the_key_in_a_header_and_moves_a_recent_free_plan_window_back_a_day', async () => {
    const { source, requests } = setup(() => reply(REPLY), { request: { endpoint: 'everything', q: 'earnings OR acquisition', domains: ['reuters.com'] } });
    await source.fetchSince({ since: SINCE });
    expect(requests[0]!.headers['x-api-key']).toBe(KEY);
    expect(requests[0]!.url).not.toContain(KEY);
    const url = new URL(requests[0]!.url);
    expect(url.pathname).toBe('/v2/everything');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      pageSize: '100',
      q: 'earnings OR acquisition',
      sortBy: 'publishedAt',
      from: '2026-11-20T12:00:00',
      domains: 'reuters.com',
    });
  });

  it('keeps_a_free_plan_window_that_starts_before_the_hidden_day', async () => {
    const { source, requests } = setup(() => reply(REPLY), { request: { endpoint: 'everything', q: 'acme' } });
    const batch = await source.fetchSince({ since: Date.UTC(2026, 10, 20, 13, 0, 0) });
    expect(new URL(requests[0]!.url).searchParams.get('from')).toBe('2026-11-20T13:00:00');
    expect(batch.items.map((i) => i.publishedAt)).toEqual([Date.UTC(2026, 10, 20, 13, 45, 0)]);
  });

  it('keeps_the_window_and_marks_nothing_delayed_on_a_paid_plan', async () => {
    const { source, requests } = setup(() => reply(REPLY), { plan: 'paid', request: { endpoint: 'everything', q: 'acme' } });
    const batch = await source.fetchSince({ since: Date.UTC(2026, 10, 20, 13, 0, 0) });
    expect(new URL(requests[0]!.url).searchParams.get('from')).toBe('2026-11-20T13:00:00');
    expect(batch.items.map((i) => [i.headline.slice(0, 12), i.delayed])).toEqual([['Acme Robotic', false]]);
  });

  it('skips_malformed_articles_with_their_reasons', async () => {
    const body = mutated((a) => {
      a[0]!.publishedAt = '2026-11-20T13:45:00';
      delete a[1]!.source;
      a.push({ ...a[1]!, source: { id: null, name: 'X' }, url: 'not a url' });
    });
    const batch = await setup(() => reply(body)).source.fetchSince({ since: SINCE });
    expect(batch.items).toEqual([]);
    expect(batch.skipped).toEqual([
      { source: 'newsapi', sourceId: expect.stringContaining('reuters.com'), reason: 'publishedAt: expected a date and time with its zone' },
      { source: 'newsapi', sourceId: expect.stringContaining('finance.yahoo.com'), reason: 'source: is required (expected object)' },
      { source: 'newsapi', sourceId: 'https://removed.com', reason: 'removed by its publisher (NewsAPI placeholder)' },
      { source: 'newsapi', sourceId: null, reason: 'url: expected an http(s) URL (the article has no other id)' },
    ]);
  });

  it('rejects_a_reply_without_articles_as_data_invalid', async () => {
    const e = await failure(setup(() => reply('{"status":"ok","totalResults":"many"}')).source.fetchSince({ since: SINCE }));
    expect(e.code).toBe('DATA_INVALID');
    expect(e.retryable).toBe(false);
  });

  it('maps_the_rate_limited_error_to_a_retryable_error_and_spends_the_quota', async () => {
    const { source, requests, clock } = setup(() => reply(RATE_LIMITED, 429));
    const e = await failure(source.fetchSince({ since: SINCE }));
    expect([e.code, e.retryable]).toEqual(['RATE_LIMITED', true]);
    expect(e.message).toContain('rateLimited (HTTP 429)');
    clock.advance(10 * 60_000);
    const later = await failure(source.fetchSince({ since: SINCE }));
    expect(later.message).toMatch(/^newsapi: daily quota exhausted until /);
    expect(requests).toHaveLength(1);
  });

  it('maps_an_invalid_key_to_config_invalid_without_repeating_the_key', async () => {
    const body = JSON.stringify({ status: 'error', code: 'apiKeyInvalid', message: `Your API key ${KEY} is invalid or incorrect.` });
    const e = await failure(setup(() => reply(body, 401)).source.fetchSince({ since: SINCE }));
    expect([e.code, e.retryable]).toEqual(['CONFIG_INVALID', false]);
    expect(e.message).toContain('apiKeyInvalid');
    expect(e.message).not.toContain(KEY);
  });

  it('maps_a_5xx_page_to_a_retryable_error_and_backs_off', async () => {
    const { source, requests } = setup(() => reply('<html>Bad gateway</html>', 502));
    const e = await failure(source.fetchSince({ since: SINCE }));
    expect([e.code, e.retryable]).toEqual(['DEPENDENCY_UNAVAILABLE', true]);
    expect((await failure(source.fetchSince({ since: SINCE }))).details).toEqual({ source: 'newsapi', reason: 'backoff', until: T0 + 120_000 });
    expect(requests).toHaveLength(1);
  });

  it('refuses_without_calling_when_the_daily_quota_is_spent', async () => {
    const { source, requests } = setup(() => reply(REPLY), { requestsPerDay: 1 });
    await source.fetchSince({ since: SINCE });
    const e = await failure(source.fetchSince({ since: SINCE }));
    expect(e.details).toEqual({ source: 'newsapi', reason: 'budget', until: T0 + 86_400_000 });
    expect(requests).toHaveLength(1);
  });
});
