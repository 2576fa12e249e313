import { afterEach, describe, expect, it } from 'vitest';
import { skipWithoutSharedData } from '../../../test/support/shared-data.ts';
import { AlpacaMarketData } from './alpaca.market-data.ts';
import { barJson, quoteJson, tradeJson } from './test-support/alpaca-fixtures.ts';
import { cryptoBarJson, cryptoQuoteJson, cryptoTradeJson } from './test-support/crypto-fixtures.ts';
import { harness, type Harness } from './test-support/harness.ts';
import type { SeenRequest } from './test-support/fake-alpaca.ts';

let h: Harness | undefined;
function setup(options: ConstructorParameters<typeof AlpacaMarketData>[1] = {}) {
  const made = harness();
  h = made;
  return { data: new AlpacaMarketData(made.client, options), fake: made.fake, client: made.client };
}
afterEach(() => {
  // Every success body served was valid against the Market Data OpenAPI spec.
  expect(h?.fake.violations ?? []).toEqual([]);
  h = undefined;
});

const START = Date.UTC(2026, 0, 23, 14, 30);
const query = (r: SeenRequest) => Object.fromEntries(r.url.searchParams);
const on = (requests: SeenRequest[], path: string) => requests.filter((r) => r.url.pathname === path);

describe.skipIf(skipWithoutSharedData('alpaca-openapi'))('AlpacaMarketData on crypto pairs', () => {
  it('pages_crypto_bars_across_pairs_with_the_limit_counting_all_pairs', async () => {
    const { data, fake } = setup({ feed: 'sip' });
    // limit 3 counts bars across pairs, pages are sorted by symbol: ETH/USD spans both pages.
    fake.on('GET', '/v1beta3/crypto/{loc}/bars', [
      { status: 200, body: { bars: { 'BTC/USD': [cryptoBarJson(0), cryptoBarJson(1)], 'ETH/USD': [cryptoBarJson(0, 3_100.5, 1.75)] }, next_page_token: 'RVRIL1VTRHwxNjQw' } },
      { status: 200, body: { bars: { 'ETH/USD': [cryptoBarJson(1, 3_101.25, 0.5)], 'SOL/USD': [cryptoBarJson(0, 185.5, 12.125)] }, next_page_token: null } },
    ]);
    const bars = await data.getBars({ symbols: ['BTC/USD', 'ETH/USD', 'SOL/USD', 'DOGE/USD'], timeframe: '1Min', start: START, end: START + 120_000, pageLimit: 3, adjustment: 'all' });

    expect([...bars.keys()]).toEqual(['BTC/USD', 'ETH/USD', 'SOL/USD', 'DOGE/USD']);
    expect(bars.get('BTC/USD')![0]).toEqual({ t: START, o: 89_987.5, h: 90_008.25, l: 89_979.25, c: 90_000, v: 0.0125, n: 4, vw: 89_996.9 });
    expect(bars.get('ETH/USD')!.map((b) => [b.t - START, b.c, b.v])).toEqual([[0, 3_100.5, 1.75], [60_000, 3_101.25, 0.5]]);
    expect(bars.get('SOL/USD')!.map((b) => b.v)).toEqual([12.125]);
    expect(bars.get('DOGE/USD')).toEqual([]);

    expect(fake.requests.map((r) => r.url.pathname)).toEqual(['/v1beta3/crypto/us/bars', '/v1beta3/crypto/us/bars']);
    // No feed and no adjustment: the crypto endpoint has neither.
    expect(query(fake.requests[0]!)).toEqual({
      symbols: 'BTC/USD,ETH/USD,SOL/USD,DOGE/USD', timeframe: '1Min', start: '2026-01-23T14:30:00.000Z', end: '2026-01-23T14:32:00.000Z', limit: '3', sort: 'asc',
    });
    expect(query(fake.requests[1]!)).toMatchObject({ symbols: 'BTC/USD,ETH/USD,SOL/USD,DOGE/USD', limit: '3', page_token: 'RVRIL1VTRHwxNjQw' });
    expect(data.stats()).toEqual({ calls: 2, byEndpoint: { 'GET /v1beta3/crypto/us/bars': 2 } });
  });

  it('splits_a_mixed_request_into_one_stocks_and_one_crypto_request_and_merges_them', async () => {
    const { data, fake } = setup();
    fake.on('GET', '/v2/stocks/bars', [
      { status: 200, body: { bars: { AAPL: [barJson(0), barJson(1)] }, next_page_token: 'QUFQTHwx' } },
      { status: 200, body: { bars: { MSFT: [barJson(0, 400)] }, next_page_token: null } },
    ]);
    fake.on('GET', '/v1beta3/crypto/{loc}/bars', { status: 200, body: { bars: { 'BTC/USD': [cryptoBarJson(0)], 'ETH/USD': [cryptoBarJson(0, 3_100.5, 1.75)] }, next_page_token: null } });
    const bars = await data.getBars({ symbols: ['AAPL', 'BTC/USD', 'MSFT', 'ETH/USD', 'AAPL'], timeframe: '1Min', start: START, pageLimit: 2 });

    expect([...bars.keys()]).toEqual(['AAPL', 'BTC/USD', 'MSFT', 'ETH/USD']);
    expect([...bars].map(([s, list]) => [s, list.map((b) => b.c)])).toEqual([['AAPL', [100, 101]], ['BTC/USD', [90_000]], ['MSFT', [400]], ['ETH/USD', [3_100.5]]]);
    const stocks = on(fake.requests, '/v2/stocks/bars');
    const crypto = on(fake.requests, '/v1beta3/crypto/us/bars');
    expect(stocks.map(query)).toEqual([
      { symbols: 'AAPL,MSFT', timeframe: '1Min', start: '2026-01-23T14:30:00.000Z', limit: '2', feed: 'iex', sort: 'asc' },
      { symbols: 'AAPL,MSFT', timeframe: '1Min', start: '2026-01-23T14:30:00.000Z', limit: '2', feed: 'iex', sort: 'asc', page_token: 'QUFQTHwx' },
    ]);
    expect(crypto.map(query)).toEqual([{ symbols: 'BTC/USD,ETH/USD', timeframe: '1Min', start: '2026-01-23T14:30:00.000Z', limit: '2', sort: 'asc' }]);
    expect(fake.requests).toHaveLength(3);
  });

  it('serves_a_large_mixed_universe_with_two_calls_whatever_its_size', async () => {
    const { data, fake } = setup();
    const stocks = Array.from({ length: 150 }, (_, i) => `S${i}`);
    const pairs = Array.from({ length: 40 }, (_, i) => `C${i}/USD`);
    const echo = (make: () => Record<string, unknown>) => (req: SeenRequest) => ({
      status: 200,
      body: { trades: Object.fromEntries(req.url.searchParams.get('symbols')!.split(',').map((s) => [s, make()])) },
    });
    fake.on('GET', '/v2/stocks/trades/latest', echo(() => tradeJson()));
    fake.on('GET', '/v1beta3/crypto/{loc}/latest/trades', echo(() => cryptoTradeJson()));
    const trades = await data.getLatestTrades([...pairs, ...stocks]);
    expect(trades.size).toBe(190);
    expect(trades.get('C39/USD')).toEqual({ t: Date.UTC(2026, 0, 23, 15, 59, 59, 537), price: 90_123.45, size: 0.0016 });
    expect(trades.get('S149')).toMatchObject({ price: 190.12, size: 100 });
    expect(data.stats()).toEqual({ calls: 2, byEndpoint: { 'GET /v2/stocks/trades/latest': 1, 'GET /v1beta3/crypto/us/latest/trades': 1 } });
  });

  it('reads_latest_quotes_and_trades_of_pairs_with_fractional_sizes', async () => {
    const { data, fake } = setup({ feed: 'sip', cryptoLocation: 'us-1' });
    fake.on('GET', '/v1beta3/crypto/{loc}/latest/quotes', { status: 200, body: { quotes: { 'BTC/USD': cryptoQuoteJson(), 'ETH/USD': cryptoQuoteJson(3_100.25, 3_100.75) } } });
    // A pair with no trade in the venue's window is absent from the answer, and so from the result.
    fake.on('GET', '/v1beta3/crypto/{loc}/latest/trades', { status: 200, body: { trades: { 'BTC/USD': cryptoTradeJson() } } });
    const quotes = await data.getLatestQuotes(['BTC/USD', 'ETH/USD']);
    expect(quotes.get('BTC/USD')).toEqual({ t: Date.UTC(2026, 0, 23, 15, 59, 59, 443), bidPrice: 90_120.5, bidSize: 0.3544, askPrice: 90_125.75, askSize: 3.252 });
    expect(quotes.get('ETH/USD')).toMatchObject({ bidPrice: 3_100.25, askPrice: 3_100.75 });
    const trades = await data.getLatestTrades(['BTC/USD', 'ETH/USD']);
    expect([...trades.keys()]).toEqual(['BTC/USD']);
    expect(fake.requests.map((r) => `${r.url.pathname}?${decodeURIComponent(r.url.search.slice(1))}`)).toEqual([
      '/v1beta3/crypto/us-1/latest/quotes?symbols=BTC/USD,ETH/USD',
      '/v1beta3/crypto/us-1/latest/trades?symbols=BTC/USD,ETH/USD',
    ]);
  });

  it('unwraps_crypto_snapshots_and_merges_them_with_stock_snapshots', async () => {
    const { data, fake } = setup();
    fake.on('GET', '/v2/stocks/snapshots', { status: 200, body: { AAPL: { latestTrade: tradeJson(), latestQuote: quoteJson(), dailyBar: barJson(0, 190) } } });
    fake.on('GET', '/v1beta3/crypto/{loc}/snapshots', {
      status: 200,
      body: {
        snapshots: {
          'BTC/USD': {
            latestTrade: cryptoTradeJson(),
            latestQuote: cryptoQuoteJson(),
            minuteBar: cryptoBarJson(5, 90_005, 0.0886),
            dailyBar: cryptoBarJson(0, 89_950, 67.3518),
            prevDailyBar: cryptoBarJson(0, 88_100, 1_856.4065),
          },
          'ETH/USD': { latestTrade: cryptoTradeJson(3_101, 0.06) },
        },
      },
    });
    const snaps = await data.getSnapshots(['BTC/USD', 'AAPL', 'ETH/USD']);
    expect(snaps.get('BTC/USD')).toMatchObject({
      symbol: 'BTC/USD', latestTrade: { price: 90_123.45, size: 0.0016 }, latestQuote: { bidSize: 0.3544 }, minuteBar: { c: 90_005, v: 0.0886 }, prevDailyBar: { c: 88_100, v: 1_856.4065 },
    });
    expect(snaps.get('ETH/USD')).toEqual({ symbol: 'ETH/USD', latestTrade: { t: Date.UTC(2026, 0, 23, 15, 59, 59, 537), price: 3_101, size: 0.06 }, latestQuote: null, minuteBar: null, dailyBar: null, prevDailyBar: null });
    expect(snaps.get('AAPL')).toMatchObject({ symbol: 'AAPL', dailyBar: { c: 190 }, minuteBar: null });
    expect(on(fake.requests, '/v2/stocks/snapshots').map(query)).toEqual([{ symbols: 'AAPL', feed: 'iex' }]);
    expect(on(fake.requests, '/v1beta3/crypto/us/snapshots').map(query)).toEqual([{ symbols: 'BTC/USD,ETH/USD' }]);
  });

  it('maps_a_429_with_retry_after_to_rate_limited_and_empties_the_data_budget', async () => {
    const { data, fake, client } = setup();
    fake.on('GET', '/v1beta3/crypto/{loc}/bars', { status: 429, body: { code: 42910000, message: 'too many requests' }, headers: { 'Retry-After': '7' } });
    const error = data.getBars({ symbols: ['BTC/USD'], timeframe: '1Min', start: START });
    await expect(error).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryable: true,
      retryAfterSeconds: 7,
      message: expect.stringContaining('GET /v1beta3/crypto/us/bars: HTTP 429 42910000'),
      details: { endpoint: 'GET /v1beta3/crypto/us/bars', httpStatus: 429 },
    });
    // Crypto shares the data host's budget: every invocation backs off, stocks included.
    expect((await client.budget())['data.alpaca.markets']).toBe(0);
    expect(fake.requests).toHaveLength(1);
  });

  it('fails_fast_naming_the_field_of_a_malformed_crypto_payload', async () => {
    const { data, fake } = setup();
    fake.on('GET', '/v1beta3/crypto/{loc}/bars', { status: 200, body: { bars: { 'BTC/USD': [{ ...cryptoBarJson(0), v: '0.0125' }] }, next_page_token: null }, malformed: true });
    await expect(data.getBars({ symbols: ['BTC/USD'], timeframe: '1Min', start: START })).rejects.toMatchObject({
      code: 'DATA_INVALID',
      message: 'Alpaca GET /v1beta3/crypto/us/bars: malformed payload at bars.BTC/USD[0].v: expected number',
      details: { field: 'bars.BTC/USD[0].v' },
    });
    // The stocks shape (a top-level map, no `snapshots` wrapper) on the crypto endpoint is refused, not misread.
    fake.on('GET', '/v1beta3/crypto/{loc}/snapshots', { status: 200, body: { 'BTC/USD': { latestTrade: cryptoTradeJson() } }, malformed: true });
    await expect(data.getSnapshots(['BTC/USD'])).rejects.toMatchObject({ code: 'DATA_INVALID', message: expect.stringContaining('malformed payload at snapshots: expected record') });
    fake.on('GET', '/v1beta3/crypto/{loc}/latest/quotes', { status: 200, body: { quotes: { 'BTC/USD': { ...cryptoQuoteJson(), t: 'yesterday' } } }, malformed: true });
    await expect(data.getLatestQuotes(['BTC/USD'])).rejects.toMatchObject({ code: 'DATA_INVALID', details: { field: 'quotes.BTC/USD.t' } });
  });
});
