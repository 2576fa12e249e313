import { afterEach, describe, expect, it } from 'vitest';
import { skipWithoutSharedData } from '../../../test/support/shared-data.ts';
import { newsContentHash } from '../news/content-hash.ts';
import { AlpacaNewsSource } from './alpaca.news.ts';
import { newsJson } from './test-support/alpaca-fixtures.ts';
import { harness, type Harness } from './test-support/harness.ts';

let h: Harness | undefined;
function setup(options: ConstructorParameters<typeof AlpacaNewsSource>[1] = {}) {
  const made = harness();
  h = made;
  return { news: new AlpacaNewsSource(made.client, options), fake: made.fake, clock: made.clock };
}
afterEach(() => {
  expect(h?.fake.violations ?? []).toEqual([]);
  h = undefined;
});

const SINCE = Date.UTC(2026, 0, 23, 13);

describe.skipIf(skipWithoutSharedData('alpaca-openapi'))('AlpacaNewsSource', () => {
  it('maps_benzinga_items_with_updated_at_as_the_version', async () => {
    const { news, fake, clock } = setup();
    fake.on('GET', '/v1beta1/news', {
      status: 200,
      body: {
        news: [newsJson(41_234_567, { created_at: '2026-01-23T13:05:00Z', updated_at: '2026-01-23T13:07:30.250000000Z', symbols: ['aapl', 'MSFT', 'AAPL'], author: '' })],
        next_page_token: null,
      },
    });
    const { items, skipped } = await news.fetchSince({ since: SINCE });
    expect(skipped).toEqual([]);
    expect(items).toEqual([
      {
        source: 'alpaca',
        sourceId: '41234567',
        version: Date.UTC(2026, 0, 23, 13, 7, 30, 250),
        publishedAt: Date.UTC(2026, 0, 23, 13, 5),
        receivedAt: clock.now(),
        headline: 'Headline 41234567',
        summary: '',
        url: 'https://www.benzinga.com/news/26/01/41234567/headline',
        symbols: ['AAPL', 'MSFT'],
        contentHash: newsContentHash('Headline 41234567', ''),
        meta: { provider: 'benzinga' },
      },
    ]);
  });

  it('pages_news_oldest_first_until_the_token_runs_out', async () => {
    const { news, fake } = setup();
    fake.on('GET', '/v1beta1/news', [
      { status: 200, body: { news: [newsJson(1), newsJson(2, { summary: 'Apple beats.' })], next_page_token: 'MTcwNjAxOTIwMDAwMDAwMDAwMHwy' } },
      { status: 200, body: { news: [newsJson(3)], next_page_token: null } },
    ]);
    const { items } = await news.fetchSince({ since: SINCE, until: SINCE + 3_600_000, symbols: ['AAPL', 'MSFT'] });
    expect(items.map((i) => [i.sourceId, i.summary])).toEqual([['1', ''], ['2', 'Apple beats.'], ['3', '']]);
    const queries = fake.requests.map((r) => Object.fromEntries(r.url.searchParams));
    expect(queries[0]).toEqual({
      start: '2026-01-23T13:00:00.000Z', end: '2026-01-23T14:00:00.000Z', sort: 'asc', symbols: 'AAPL,MSFT', limit: '50', include_content: 'false',
    });
    expect(queries[1]!.page_token).toBe('MTcwNjAxOTIwMDAwMDAwMDAwMHwy');
  });

  it('sees_a_story_edited_later_as_a_new_version_of_the_same_item', async () => {
    const { news, fake } = setup();
    fake.on('GET', '/v1beta1/news', [
      { status: 200, body: { news: [newsJson(7, { updated_at: '2026-01-23T14:00:00Z' })], next_page_token: null } },
      { status: 200, body: { news: [newsJson(7, { updated_at: '2026-01-23T14:20:00Z', summary: 'Guidance raised to $2.10 a share.' })], next_page_token: null } },
    ]);
    const [first] = (await news.fetchSince({ since: SINCE })).items;
    const [second] = (await news.fetchSince({ since: SINCE })).items;
    expect(second!.sourceId).toBe(first!.sourceId);
    expect(second!.version - first!.version).toBe(20 * 60_000);
    expect(second!.contentHash).not.toBe(first!.contentHash);
  });

  it('stops_at_the_requested_limit', async () => {
    const { news, fake } = setup();
    fake.on('GET', '/v1beta1/news', (req) => ({
      status: 200,
      body: { news: Array.from({ length: Number(req.url.searchParams.get('limit')) }, (_, i) => newsJson(100 + i)), next_page_token: 'more' },
    }));
    const { items } = await news.fetchSince({ since: SINCE, limit: 3 });
    expect(items).toHaveLength(3);
    expect(fake.requests.map((r) => r.url.searchParams.get('limit'))).toEqual(['3']);
  });

  it('skips_an_item_that_does_not_parse_and_names_the_field', async () => {
    const { news, fake } = setup();
    fake.on('GET', '/v1beta1/news', {
      status: 200,
      body: { news: [newsJson(1), newsJson(2, { updated_at: 'yesterday' }), newsJson(3)], next_page_token: null },
      malformed: true,
    });
    const { items, skipped } = await news.fetchSince({ since: SINCE });
    expect(items.map((i) => i.sourceId)).toEqual(['1', '3']);
    expect(skipped).toEqual([{ source: 'alpaca', sourceId: '2', reason: expect.stringContaining('updated_at: expected an RFC-3339 timestamp') }]);
  });
});
