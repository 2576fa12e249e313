import { describe, expect, it } from 'vitest';
import { skipWithoutSharedData } from './shared-data.ts';
import { validateResponse } from './openapi.ts';

describe.skipIf(skipWithoutSharedData('alpaca-openapi'))('OpenAPI validation helper', () => {
  it('accepts_a_clock_shaped_like_the_spec_and_names_what_is_wrong_otherwise', () => {
    const clock = { timestamp: '2026-11-23T14:30:00.123456789-05:00', is_open: true, next_open: '2026-11-24T09:30:00-05:00', next_close: '2026-11-23T16:00:00-05:00' };
    expect(validateResponse('trading', '/v2/clock', 'get', 200, clock)).toEqual([]);
    const errors = validateResponse('trading', '/v2/clock', 'get', 200, { ...clock, is_open: 'yes' });
    expect(errors.join('\n')).toMatch(/is_open must be boolean/);
  });

  it('validates_market_data_and_applies_relaxations', () => {
    const news = {
      news: [{ id: 1, headline: 'h', author: '', created_at: '2026-11-23T14:30:00Z', updated_at: '2026-11-23T14:31:00Z', summary: '', url: 'https://x', images: [], symbols: ['AAPL'], source: 'benzinga' }],
      next_page_token: null,
    };
    const strict = validateResponse('market-data', '/v1beta1/news', 'get', 200, news);
    expect(strict.join('\n')).toMatch(/content/);
    expect(validateResponse('market-data', '/v1beta1/news', 'get', 200, news, [{ schema: 'news', optional: ['content'], why: 'real responses omit content unless include_content=true' }])).toEqual(
      expect.not.arrayContaining([expect.stringMatching(/content/)]),
    );
  });

  it('tells_crypto_market_data_shapes_from_the_stocks_ones', () => {
    const bar = { t: '2026-11-23T14:30:00Z', o: 90_000, h: 90_010, l: 89_990, c: 90_005, v: 0.0125, n: 4, vw: 90_001.5 };
    const trade = { t: '2026-11-23T14:30:01.537052Z', p: 90_005, s: 0.0016, i: 31455289, tks: 'S' };
    const quote = { t: '2026-11-23T14:30:01.44347136Z', bp: 90_004.5, bs: 0.3544, ap: 90_006, as: 3.252 };
    const md = (path: string, body: unknown) => validateResponse('market-data', path, 'get', 200, body);
    expect(md('/v1beta3/crypto/{loc}/bars', { bars: { 'BTC/USD': [bar] }, next_page_token: null })).toEqual([]);
    expect(md('/v1beta3/crypto/{loc}/latest/trades', { trades: { 'BTC/USD': trade } })).toEqual([]);
    expect(md('/v1beta3/crypto/{loc}/latest/quotes', { quotes: { 'BTC/USD': quote } })).toEqual([]);
    expect(md('/v1beta3/crypto/{loc}/snapshots', { snapshots: { 'BTC/USD': { latestTrade: trade, latestQuote: quote, minuteBar: bar } } })).toEqual([]);
    // Stock volume is an integer in the spec; a crypto trade carries its id and taker side; crypto snapshots are wrapped.
    expect(md('/v2/stocks/bars', { bars: { AAPL: [bar] }, next_page_token: null }).join('\n')).toMatch(/\/bars\/AAPL\/0\/v must be integer/);
    expect(md('/v1beta3/crypto/{loc}/latest/trades', { trades: { 'BTC/USD': { t: trade.t, p: 1, s: 1 } } }).join('\n')).toMatch(/\(i\)[\s\S]*\(tks\)/);
    expect(md('/v1beta3/crypto/{loc}/snapshots', { 'BTC/USD': { latestTrade: trade } })).toContain('(root) must have required property \'snapshots\' (snapshots)');
  });
});
