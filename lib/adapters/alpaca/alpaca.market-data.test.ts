import { afterEach, describe, expect, it } from 'vitest';
import { skipWithoutSharedData } from '../../../test/support/shared-data.ts';
import { AlpacaMarketData } from './alpaca.market-data.ts';
import { barJson, quoteJson, tradeJson } from './test-support/alpaca-fixtures.ts';
import { harness, type Harness } from './test-support/harness.ts';

let h: Harness | undefined;
function setup(options: ConstructorParameters<typeof AlpacaMarketData>[1] = {}) {
  const made = harness();
  h = made;
  return { data: new AlpacaMarketData(made.client, options), fake: made.fake };
}
afterEach(() => {
  expect(h?.fake.violations ?? []).toEqual([]);
  h = undefined;
});

const START = Date.UTC(2026, 0, 23, 14, 30);

describe.skipIf(skipWithoutSharedData('alpaca-openapi'))('AlpacaMarketData', () => {
  it('merges_multi_symbol_bar_pages_per_symbol', async () => {
    const { data, fake } = setup({ feed: 'sip' });
    // limit counts bars across symbols and pages are sorted by symbol: MSFT spans both pages.
    fake.on('GET', '/v2/stocks/bars', [
      { status: 200, body: { bars: { AAPL: [barJson(0), barJson(1), barJson(2)], MSFT: [barJson(0, 400)] }, next_page_token: 'TVNGVHxNfDIwMjY=' } },
      { status: 200, body: { bars: { MSFT: [barJson(1, 401), barJson(2, 402)], TSLA: [barJson(0, 250)] }, next_page_token: null } },
    ]);
    const bars = await data.getBars({ symbols: ['AAPL', 'MSFT', 'TSLA', 'NVDA'], timeframe: '1Min', start: START, pageLimit: 4 });
    expect([...bars.keys()]).toEqual(['AAPL', 'MSFT', 'TSLA', 'NVDA']);
    expect(bars.get('MSFT')!.map((b) => [b.t - START, b.c])).toEqual([[0, 400], [60_000, 401], [120_000, 402]]);
    expect(bars.get('AAPL')![0]).toEqual({ t: START, o: 99.5, h: 100.25, l: 99.25, c: 100, v: 1000, n: 10, vw: 99.9 });
    expect(bars.get('NVDA')).toEqual([]);
    const queries = fake.requests.map((r) => Object.fromEntries(r.url.searchParams));
    expect(queries[0]).toEqual({ symbols: 'AAPL,MSFT,TSLA,NVDA', timeframe: '1Min', start: '2026-01-23T14:30:00.000Z', limit: '4', feed: 'sip', sort: 'asc' });
    expect(queries[1]!.page_token).toBe('TVNGVHxNfDIwMjY=');
    expect(data.stats()).toEqual({ calls: 2, byEndpoint: { 'GET /v2/stocks/bars': 2 } });
  });

  it('splits_a_large_universe_into_requests_of_bounded_size', async () => {
    const { data, fake } = setup({ maxSymbolsPerRequest: 2 });
    fake.on('GET', '/v2/stocks/trades/latest', (req) => ({
      status: 200,
      body: { trades: Object.fromEntries(req.url.searchParams.get('symbols')!.split(',').map((s) => [s, tradeJson()])) },
    }));
    const trades = await data.getLatestTrades(['A', 'B', 'C', 'D', 'E']);
    expect([...trades.keys()]).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(trades.get('E')).toEqual({ t: Date.UTC(2026, 0, 23, 15, 59, 59, 987), price: 190.12, size: 100 });
    expect(fake.requests.map((r) => r.url.searchParams.get('symbols'))).toEqual(['A,B', 'C,D', 'E']);
  });

  it('maps_latest_quotes_and_partial_snapshots', async () => {
    const { data, fake } = setup();
    fake.on('GET', '/v2/stocks/quotes/latest', { status: 200, body: { quotes: { AAPL: quoteJson() } } });
    fake.on('GET', '/v2/stocks/snapshots', {
      status: 200,
      body: {
        AAPL: { latestTrade: tradeJson(), latestQuote: quoteJson(), minuteBar: barJson(5), dailyBar: barJson(0, 190), prevDailyBar: barJson(0, 188) },
        NEWCO: { latestTrade: tradeJson(10.5), dailyBar: barJson(0, 10.4) },
      },
    });
    expect((await data.getLatestQuotes(['AAPL'])).get('AAPL')).toEqual({ t: Date.UTC(2026, 0, 23, 15, 59, 59, 987), bidPrice: 190.1, bidSize: 2, askPrice: 190.14, askSize: 3 });
    const snaps = await data.getSnapshots(['AAPL', 'NEWCO']);
    expect(snaps.get('AAPL')).toMatchObject({ symbol: 'AAPL', minuteBar: { c: 105 }, prevDailyBar: { c: 188 }, latestQuote: { askPrice: 190.14 } });
    expect(snaps.get('NEWCO')).toMatchObject({ latestTrade: { price: 10.5 }, latestQuote: null, minuteBar: null, prevDailyBar: null });
    expect(fake.requests.every((r) => r.url.searchParams.get('feed') === 'iex')).toBe(true);
  });

  it('reads_the_screener_most_actives_and_movers', async () => {
    const { data, fake } = setup();
    fake.on('GET', '/v1beta1/screener/stocks/most-actives', {
      status: 200,
      body: { most_actives: [{ symbol: 'NVDA', volume: 91_234_567, trade_count: 812_345 }], last_updated: '2026-01-23T15:00:00.123456789Z' },
    });
    fake.on('GET', '/v1beta1/screener/{market_type}/movers', {
      status: 200,
      body: {
        gainers: [{ symbol: 'AGRI', percent_change: 145.56, change: 2.46, price: 4.15 }],
        losers: [{ symbol: 'BTC/USD', percent_change: -3.1, change: -2900.5, price: 90_123.25 }],
        market_type: 'crypto',
        last_updated: '2026-01-23T15:00:00Z',
      },
    });
    expect(await data.getMostActives({ by: 'trades', top: 100 })).toEqual([{ symbol: 'NVDA', volume: 91_234_567, tradeCount: 812_345 }]);
    const movers = await data.getMovers({ top: 50, market: 'crypto' });
    expect(movers.losers).toEqual([{ symbol: 'BTC/USD', percentChange: -3.1, change: -2900.5, price: 90_123.25 }]);
    expect(fake.requests.map((r) => `${r.url.pathname}${r.url.search}`)).toEqual([
      '/v1beta1/screener/stocks/most-actives?by=trades&top=100',
      '/v1beta1/screener/crypto/movers?top=50',
    ]);
  });

  it('refuses_requests_alpaca_would_reject_before_sending', async () => {
    const { data, fake } = setup();
    await expect(data.getMostActives({ by: 'volume', top: 101 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(data.getMovers({ top: 0, market: 'stocks' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(data.getBars({ symbols: ['AAPL', 'BTC/USD'], timeframe: '1Min', start: START, pageLimit: 10_001 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(fake.requests).toEqual([]);
  });

  it('fails_fast_on_a_corrupt_bar_or_a_looping_page_token', async () => {
    const { data, fake } = setup();
    fake.on('GET', '/v2/stocks/bars', { status: 200, body: { bars: { AAPL: [{ ...barJson(0), c: '100.5' }] }, next_page_token: null }, malformed: true });
    await expect(data.getBars({ symbols: ['AAPL'], timeframe: '1Min', start: START })).rejects.toMatchObject({
      code: 'DATA_INVALID', message: expect.stringContaining('bars.AAPL[0].c: expected number'),
    });
    fake.on('GET', '/v2/stocks/bars', { status: 200, body: { bars: { AAPL: [barJson(0)] }, next_page_token: 'same' } });
    await expect(data.getBars({ symbols: ['AAPL'], timeframe: '1Min', start: START })).rejects.toMatchObject({ code: 'DATA_INVALID', message: expect.stringMatching(/repeated/) });
  });
});
