import { describe, expect, it } from 'vitest';
import { newsContentHash } from './content-hash.ts';
import { SecEdgarNewsSource, type SecEdgarOptions } from './sec-edgar.source.ts';
import { failure, manualClock, readFixture, reply, scriptedFetch, sourceDeps, type Script } from './news-test-kit.ts';
import type { NewsSourceDeps } from './source-guard.ts';

const UA = 'Catalyst Ops ops@catalyst.example';
const T0 = Date.UTC(2026, 10, 20, 21, 40, 0);
const SINCE = Date.UTC(2026, 10, 20, 20, 0, 0);
const FEED = readFixture('sec-edgar.current-8k.atom.xml');
const TICKERS = readFixture('sec-company-tickers.jsonc');

/** Serves the ticker file and the feed (or what `feed` says for the n-th feed request). */
function sec(feed: (n: number, url: string) => Response | Error = () => reply(FEED)): Script {
  let feeds = 0;
  return (url) => (url.endsWith('company_tickers.json') ? reply(TICKERS) : feed(feeds++, url));
}

function setup(script: Script, options: Partial<SecEdgarOptions> = {}, deps?: NewsSourceDeps) {
  const clock = manualClock(T0);
  const { fetch, requests } = scriptedFetch(script);
  const d = sourceDeps(fetch, clock);
  return { source: new SecEdgarNewsSource({ userAgent: UA, ...options }, deps ?? d), requests, clock, deps: d };
}

function entry(i: number, updated: string): string {
  const acc = `0000000001-26-${String(i).padStart(6, '0')}`;
  return `<entry><title>8-K - FILER ${i} INC (0000000001) (Filer)</title><link rel="alternate" type="text/html" href="https://www.sec.gov/x/${acc}-index.htm"/>
<summary type="html">&lt;b&gt;Filed:&lt;/b&gt; 2026-11-20 &lt;br&gt;Item 8.01: Other Events</summary><updated>${updated}</updated><id>urn:tag:sec.gov,2008:accession-number=${acc}</id></entry>`;
}

const feedOf = (entries: string[]) => `<?xml version="1.0" encoding="ISO-8859-1" ?><feed xmlns="http://www.w3.org/2005/Atom"><title>Latest Filings</title>${entries.join('')}</feed>`;

describe('SecEdgarNewsSource', () => {
  it('maps_the_recorded_8k_feed_into_one_item_per_filing_with_tickers_and_item_codes', async () => {
    const batch = await setup(sec()).source.fetchSince({ since: SINCE });
    expect(batch.skipped).toEqual([]);
    expect(batch.items.map((i) => [i.sourceId, i.symbols])).toEqual([
      ['0000320193-26-000123', ['AAPL']],
      ['0001326160-26-000211', ['DUK']],
      ['0001652044-26-000098', ['GOOGL', 'GOOG']],
      ['0002091222-26-000004', []],
    ]);
    const apple = batch.items[0]!;
    expect(apple).toEqual({
      source: 'sec-edgar',
      sourceId: '0000320193-26-000123',
      version: Date.UTC(2026, 10, 20, 21, 30, 41),
      publishedAt: Date.UTC(2026, 10, 20, 21, 30, 41),
      // The feed request waited 100 ms for its token after the ticker file's.
      receivedAt: T0 + 100,
      headline: '8-K Apple Inc.: Item 2.02 Results of Operations and Financial Condition; Item 9.01 Financial Statements and Exhibits',
      summary: 'Filed 2026-11-20. Item 2.02: Results of Operations and Financial Condition; Item 9.01: Financial Statements and Exhibits',
      url: 'https://www.sec.gov/Archives/edgar/data/320193/000032019326000123/0000320193-26-000123-index.htm',
      symbols: ['AAPL'],
      contentHash: newsContentHash(apple.headline, apple.summary),
      meta: {
        form: '8-K',
        accessionNumber: '0000320193-26-000123',
        company: 'Apple Inc.',
        cik: '0000320193',
        ciks: ['0000320193'],
        roles: ['0000320193 Filer'],
        filedDate: '2026-11-20',
        items: ['2.02', '9.01'],
        itemTitles: ['Results of Operations and Financial Condition', 'Financial Statements and Exhibits'],
      },
    });
    expect(batch.items[1]!.meta).toMatchObject({ ciks: ['0001326160', '0000030371'], items: ['8.01'] });
    expect(batch.items[3]!.meta).toMatchObject({ form: '8-K/A', items: ['6.05'] });
  });

  it('sends_the_declared_user_agent_on_every_request', async () => {
    const { source, requests } = setup(sec());
    await source.fetchSince({ since: SINCE });
    expect(requests.map((r) => [new URL(r.url).pathname, r.headers['user-agent']])).toEqual([
      ['/files/company_tickers.json', UA],
      ['/cgi-bin/browse-edgar', UA],
    ]);
    expect(Object.fromEntries(new URL(requests[1]!.url).searchParams)).toMatchObject({ action: 'getcurrent', type: '8-K', output: 'atom', count: '100', start: '0' });
  });

  it('refuses_to_start_without_a_declared_user_agent', () => {
    for (const userAgent of ['', 'catalyst', 'ops@catalyst.example']) {
      expect(() => setup(sec(), { userAgent })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    }
  });

  it('downloads_the_cik_map_once_and_shares_it_through_the_store_until_it_expires', async () => {
    const first = setup(sec());
    await first.source.fetchSince({ since: SINCE });
    await first.source.fetchSince({ since: SINCE });
    const second = new SecEdgarNewsSource({ userAgent: UA }, first.deps);
    expect((await second.fetchSince({ since: SINCE })).items[0]!.symbols).toEqual(['AAPL']);
    const tickerDownloads = () => first.requests.filter((r) => r.url.endsWith('company_tickers.json')).length;
    expect(tickerDownloads()).toBe(1);
    first.clock.advance(86_400_000);
    await first.source.fetchSince({ since: SINCE });
    expect(tickerDownloads()).toBe(2);
  });

  it('skips_malformed_entries_with_their_reasons', async () => {
    const bad = FEED.replace('8-K - Apple Inc. (0000320193) (Filer)', 'Apple Inc. filed something')
      .replace('2026-11-20T16:05:12-05:00', '2026-11-20T16:05:12')
      .replace('accession-number=0002091222-26-000004', 'filing=4');
    const batch = await setup(sec(() => reply(bad))).source.fetchSince({ since: SINCE });
    expect(batch.items.map((i) => i.sourceId)).toEqual(['0001326160-26-000211']);
    expect(batch.skipped).toEqual([
      { source: 'sec-edgar', sourceId: '0000320193-26-000123', reason: 'title: expected "FORM - COMPANY (CIK) (ROLE)"' },
      { source: 'sec-edgar', sourceId: '0001652044-26-000098', reason: 'updated: expected a date and time with its zone' },
      { source: 'sec-edgar', sourceId: null, reason: 'id: expected urn:tag:sec.gov,2008:accession-number=##########-##-######' },
    ]);
  });

  it('fails_rather_than_return_unlinked_filings_when_the_cik_map_is_malformed', async () => {
    const script: Script = (url) => (url.endsWith('company_tickers.json') ? reply('{"0":{"cik_str":"320193","ticker":"AAPL"}}') : reply(FEED));
    const { source, requests } = setup(script);
    const e = await failure(source.fetchSince({ since: SINCE }));
    expect(e.code).toBe('DATA_INVALID');
    expect(e.message).toContain('company_tickers.json has an unexpected shape (0.cik_str: expected number');
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual(['/files/company_tickers.json']);
  });

  it('rejects_a_page_that_is_not_an_atom_feed_as_data_invalid', async () => {
    const page = '<html><body>Your Request Originates from an Undeclared Automated Tool</body></html>';
    for (const body of [page, '<feed><entry></feed>']) {
      const e = await failure(setup(sec(() => reply(body))).source.fetchSince({ since: SINCE }));
      expect(e.code).toBe('DATA_INVALID');
    }
  });

  it('retries_a_5xx_once_then_fails_retryable_and_backs_off', async () => {
    const { source, requests, deps } = setup(sec(() => reply('unavailable', 503)));
    const e = await failure(source.fetchSince({ since: SINCE }));
    expect([e.code, e.retryable]).toEqual(['DEPENDENCY_UNAVAILABLE', true]);
    expect(deps.slept).toContain(500);
    const refused = await failure(source.fetchSince({ since: SINCE }));
    expect(refused.details).toMatchObject({ source: 'sec-edgar', reason: 'backoff' });
    expect(requests.filter((r) => r.url.includes('browse-edgar'))).toHaveLength(2);
  });

  it('maps_a_429_to_a_retryable_rate_limited_error_without_retrying_at_once', async () => {
    const { source, requests } = setup(sec(() => reply('slow down', 429, { 'retry-after': '600' })));
    const e = await failure(source.fetchSince({ since: SINCE }));
    expect([e.code, e.retryable, e.retryAfterSeconds]).toEqual(['RATE_LIMITED', true, 600]);
    expect((await failure(source.fetchSince({ since: SINCE }))).details).toMatchObject({ reason: 'backoff', until: expect.any(Number) });
    expect(requests.filter((r) => r.url.includes('browse-edgar'))).toHaveLength(1);
  });

  it('keeps_to_ten_requests_in_any_second', async () => {
    const clock = manualClock(T0);
    const times: number[] = [];
    const serve = sec();
    const { fetch } = scriptedFetch((url, n) => (times.push(clock.now()), serve(url, n)));
    const source = new SecEdgarNewsSource({ userAgent: UA }, sourceDeps(fetch, clock));
    for (let i = 0; i < 25; i++) await source.fetchSince({ since: SINCE });
    expect(times).toHaveLength(26);
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(10);
    expect(times.at(-1)! - times[0]!).toBe(2_500);
  });

  it('reads_older_pages_until_the_window_is_covered_and_records_what_it_could_not_reach', async () => {
    const newer = Array.from({ length: 100 }, (_, i) => entry(i, '2026-11-20T16:30:00-05:00'));
    const older = Array.from({ length: 100 }, (_, i) => entry(100 + i, '2026-11-20T14:00:00-05:00'));
    const pages = [feedOf(newer), feedOf(older)];
    const { source, requests } = setup(sec((n) => reply(pages[n % 2]!)));
    const batch = await source.fetchSince({ since: SINCE });
    expect(requests.filter((r) => r.url.includes('browse-edgar')).map((r) => new URL(r.url).searchParams.get('start'))).toEqual(['0', '100']);
    expect(batch.items).toHaveLength(100);
    const capped = await setup(sec(() => reply(feedOf(newer))), { maxPages: 2 }).source.fetchSince({ since: SINCE });
    expect(capped.skipped).toEqual([{ source: 'sec-edgar', sourceId: null, reason: 'more than 200 filings since the window start: older ones were not read' }]);
  });

  it('keeps_only_filings_of_the_asked_symbols_and_window', async () => {
    const { source } = setup(sec());
    const batch = await source.fetchSince({ since: Date.UTC(2026, 10, 20, 21, 0, 0), symbols: ['goog', 'AAPL'] });
    expect(batch.items.map((i) => i.sourceId)).toEqual(['0000320193-26-000123', '0001652044-26-000098']);
  });
});
