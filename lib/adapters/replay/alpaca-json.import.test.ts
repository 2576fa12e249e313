import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAlpacaBars, parseAlpacaNews } from './alpaca-json.import.ts';
import { HAS_SHARED_DATA, sharedFile } from './shared-data.test-support.ts';

/** The 200-response example of a Market Data API path, from Alpaca's own OpenAPI spec. */
function example(path: string): unknown {
  const spec = JSON.parse(readFileSync(sharedFile('alpaca-openapi/market-data-api.json'), 'utf8')) as {
    paths: Record<string, { get: { responses: { '200': { content: { 'application/json': { examples: Record<string, { value: unknown }> } } } } } }>;
  };
  return Object.values(spec.paths[path]!.get.responses['200'].content['application/json'].examples)[0]!.value;
}

describe.skipIf(!HAS_SHARED_DATA)('Alpaca JSON importers on the examples of ../shared/data/alpaca-openapi/market-data-api.json', () => {
  it('imports_the_bars_response_example', () => {
    const { bars, skipped } = parseAlpacaBars(example('/v2/stocks/bars'), { file: 'bars.json', timeframe: '1Hour' });
    expect(skipped).toEqual([]);
    expect(bars).toEqual([{ symbol: 'AAPL', timeframe: '1Hour', bar: { t: Date.parse('2022-01-03T09:00:00Z'), o: 178.26, h: 178.26, l: 178.21, c: 178.21, v: 1118, n: 65, vw: 178.235733 } }]);
  });

  it('imports_the_news_response_example', () => {
    const { items } = parseAlpacaNews(example('/v1beta1/news'), { file: 'news.json' });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      source: 'alpaca',
      sourceId: '24843171',
      publishedAt: Date.parse('2021-12-31T11:08:42Z'),
      version: Date.parse('2021-12-31T11:08:43Z'),
      symbols: ['AAPL'],
      meta: { author: 'Charles Gross', provider: 'benzinga' },
    });
  });
});

describe('Alpaca JSON importers', () => {
  const page = (bars: unknown) => ({ bars, next_page_token: null });

  it('infers_the_timeframe_and_names_the_path_of_a_bad_bar', () => {
    const t = (m: number) => new Date(Date.UTC(2024, 0, 2, 15, m)).toISOString();
    const good = { MSFT: [0, 5, 15].map((m) => ({ t: t(m), o: 1, h: 2, l: 1, c: 2, v: 10 })) };
    expect(parseAlpacaBars(page(good), { file: 'b.json' }).bars.map((b) => b.timeframe)).toEqual(['5Min', '5Min', '5Min']);
    const bad = { MSFT: [...good.MSFT, { t: t(20), o: 'x', h: 2, l: 1, c: 2, v: 10 }] };
    expect(() => parseAlpacaBars(page(bad), { file: 'b.json' })).toThrow('b.json: bars.MSFT[3].o: expected number');
    expect(parseAlpacaBars(page(bad), { file: 'b.json', lenient: true }).skipped).toEqual([{ file: 'b.json', line: null, reason: 'bars.MSFT[3].o: expected number' }]);
  });

  it('keeps_an_empty_summary_and_drops_a_headless_story', () => {
    const news = { news: [{ id: 1, headline: 'H', created_at: '2024-01-02T15:00:00Z', updated_at: '2024-01-02T15:01:00Z', summary: '', url: '', symbols: ['aapl'], source: 'benzinga' }, { id: 2, headline: ' ', created_at: '2024-01-02T15:00:00Z' }] };
    const { items, skipped } = parseAlpacaNews(news, { file: 'n.json', lenient: true });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ summary: '', url: null, symbols: ['AAPL'] });
    expect(skipped[0]!.reason).toBe('news[1].headline: expected a headline');
  });
});
