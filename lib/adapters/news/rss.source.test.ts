import { describe, expect, it } from 'vitest';
import { newsContentHash } from './content-hash.ts';
import { RssNewsSource, type RssFeedOptions } from './rss.source.ts';
import { failure, manualClock, readFixture, reply, scriptedFetch, sourceDeps, type Script } from './news-test-kit.ts';

const T0 = Date.UTC(2026, 10, 20, 14, 10, 0);
const LONG_AGO = Date.UTC(2000, 0, 1);
const RSS = readFixture('rss2.feed.xml');
const ATOM = readFixture('atom.feed.xml');
const FEED_URL = 'https://news.example.com/rss/company.xml';

function setup(script: Script, options: Partial<RssFeedOptions> = {}) {
  const clock = manualClock(T0);
  const { fetch, requests } = scriptedFetch(script);
  const deps = sourceDeps(fetch, clock);
  return { source: new RssNewsSource({ url: FEED_URL, ...options }, deps), requests, clock, deps };
}

describe('RssNewsSource', () => {
  it('maps_an_rss_2_feed_into_items_named_for_its_host', async () => {
    const { source, requests } = setup(() => reply(RSS));
    const batch = await source.fetchSince({ since: LONG_AGO });
    expect(source.name).toBe('rss:news.example.com');
    expect(requests[0]!.headers['user-agent']).toBe('Catalyst news reader');
    const [fda, offering, call] = batch.items;
    expect(batch.items).toHaveLength(3);
    expect(fda).toEqual({
      source: 'rss:news.example.com',
      sourceId: 'https://news.example.com/2026/11/20/acme-fda-clearance.html',
      version: Date.UTC(2026, 10, 20, 13, 55, 0),
      publishedAt: Date.UTC(2026, 10, 20, 13, 55, 0),
      receivedAt: T0,
      headline: 'Acme Robotics Announces FDA Clearance for Surgical Assistant',
      summary: 'Acme Robotics (NASDAQ: ACMR) received 510(k) clearance for its surgical assistant.',
      url: 'https://news.example.com/2026/11/20/acme-fda-clearance.html',
      symbols: [],
      contentHash: newsContentHash(fda!.headline, fda!.summary),
      meta: { categories: ['Health', 'Nasdaq:ACMR'] },
    });
    expect(offering).toMatchObject({
      sourceId: 'wire-20261120-0042',
      url: 'https://news.example.com/2026/11/20/beta-offering.html',
      version: Date.UTC(2026, 10, 20, 13, 30, 0),
      summary: 'Beta Sensors priced an underwritten offering of 10,000,000 shares at $5.00 per share. Closing is expected on November 24.',
    });
    expect(call!.version).toBe(Date.UTC(2026, 10, 20, 2, 0, 0));
    expect(batch.skipped).toEqual([
      { source: 'rss:news.example.com', sourceId: 'https://news.example.com/2026/11/20/delta-reserves.html', reason: 'pubDate: expected a date with its time zone' },
      { source: 'rss:news.example.com', sourceId: 'wire-20261120-0040', reason: 'title: empty headline' },
    ]);
  });

  it('maps_an_atom_feed_with_updated_as_the_version_and_published_kept', async () => {
    const batch = await setup(() => reply(ATOM), { url: 'https://example.org/feed.atom' }).source.fetchSince({ since: LONG_AGO });
    expect(batch.skipped).toEqual([]);
    expect(batch.items.map((i) => ({ ...i, contentHash: i.contentHash.length }))).toEqual([
      {
        source: 'rss:example.org',
        sourceId: 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a',
        version: Date.UTC(2003, 11, 13, 18, 30, 2),
        publishedAt: Date.UTC(2003, 11, 13, 18, 30, 2),
        receivedAt: T0,
        headline: 'Atom-Powered Robots Run Amok',
        summary: 'Some text.',
        url: 'http://example.org/2003/12/13/atom03',
        symbols: [],
        contentHash: 64,
      },
      {
        source: 'rss:example.org',
        sourceId: 'tag:example.org,2026:acme-guidance',
        version: Date.UTC(2026, 10, 20, 19, 5, 0),
        publishedAt: Date.UTC(2026, 10, 20, 18, 40, 0),
        receivedAt: T0,
        headline: 'Acme Robotics raises guidance',
        summary: 'Acme Robotics raised its full-year revenue outlook to $1.6 billion.',
        url: 'https://example.org/2026/11/20/acme-guidance',
        symbols: [],
        contentHash: 64,
        meta: { categories: ['earnings'] },
      },
    ]);
  });

  it('tags_every_item_of_a_per_symbol_feed_with_its_tickers', async () => {
    const batch = await setup(() => reply(RSS), { symbols: ['acmr', 'ACMR'] }).source.fetchSince({ since: LONG_AGO });
    expect(batch.items.map((i) => i.symbols)).toEqual([['ACMR'], ['ACMR'], ['ACMR']]);
  });

  it('drops_items_dated_before_the_window', async () => {
    const batch = await setup(() => reply(RSS)).source.fetchSince({ since: Date.UTC(2026, 10, 20, 13, 30, 0) });
    expect(batch.items.map((i) => i.sourceId)).toEqual(['https://news.example.com/2026/11/20/acme-fda-clearance.html', 'wire-20261120-0042']);
  });

  it('rejects_a_document_that_is_neither_rss_nor_atom_as_data_invalid', async () => {
    for (const body of ['<html><body><p>Moved</p></body></html>', 'Service temporarily <unavailable']) {
      const e = await failure(setup(() => reply(body)).source.fetchSince({ since: LONG_AGO }));
      expect([e.code, e.retryable]).toEqual(['DATA_INVALID', false]);
    }
  });

  it('shares_a_modest_request_budget_between_feeds_of_one_host', async () => {
    const { source, deps, requests } = setup(() => reply(RSS), { requestsPerHour: 2 });
    const sibling = new RssNewsSource({ url: 'https://news.example.com/rss/markets.xml', requestsPerHour: 2 }, deps);
    await source.fetchSince({ since: LONG_AGO });
    await sibling.fetchSince({ since: LONG_AGO });
    const e = await failure(source.fetchSince({ since: LONG_AGO }));
    // One token every 30 min (the limiter rounds the wait up to the next millisecond).
    expect(e.message).toMatch(/^rss:news\.example\.com: request budget for news\.example\.com exhausted until 2026-11-20T14:40:00\.00\dZ$/);
    expect(requests).toHaveLength(2);
  });

  it('retries_a_timeout_once_then_fails_retryable_and_backs_off', async () => {
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    const { source, requests, deps } = setup(() => timeout, { requestsPerHour: 60 });
    const e = await failure(source.fetchSince({ since: LONG_AGO }));
    expect([e.code, e.retryable]).toEqual(['DEPENDENCY_TIMEOUT', true]);
    expect(deps.slept).toEqual([500]);
    expect((await failure(source.fetchSince({ since: LONG_AGO }))).details).toEqual({ source: 'rss:news.example.com', reason: 'backoff', until: T0 + 500 + 60_000 });
    expect(requests).toHaveLength(2);
  });

  it('refuses_a_feed_url_that_is_not_http', () => {
    expect(() => setup(() => reply(RSS), { url: 'file:///etc/passwd' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
