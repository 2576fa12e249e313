import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { skipWithoutSharedData } from '../../../../test/support/shared-data.ts';
import { SPEC_DIR, validateResponse } from '../../../../test/support/openapi.ts';
import { facadeHarness } from './facade-fixture.ts';
import { SPEC_RELAXATIONS } from './spec-relaxations.test-support.ts';

// The places where Alpaca's specs are stricter than Alpaca's real responses, each pinned down: the facade
// follows the real API, and these tests show the spec (not the facade) is what disagrees.

const tradingSpec = skipWithoutSharedData('alpaca-openapi') ? {} : JSON.parse(readFileSync(path.join(SPEC_DIR, 'trading-api.json'), 'utf8'));

describe.skipIf(skipWithoutSharedData('alpaca-openapi'))('Alpaca facade: documented gaps between the OpenAPI specs and real responses', () => {
  it('activities_by_type_cannot_validate_under_the_specs_oneof_not_even_alpacas_own_example', async () => {
    const example = tradingSpec.components.schemas.TradingActivities['x-examples']['example-1'];
    const expected = ['/0 must match exactly one schema in oneOf'];
    expect(validateResponse('trading', '/v2/account/activities/{activity_type}', 'get', 200, [example])).toEqual(expected);
    expect(validateResponse('trading', '/v2/account/activities', 'get', 200, [example])).toEqual([]);
  });

  it('news_without_content_validates_only_with_the_content_relaxation', async () => {
    const { call } = facadeHarness();
    const res = await call('GET', '/v1beta1/news?symbols=MSFT');
    expect(validateResponse('market-data', '/v1beta1/news', 'get', 200, res.body).join()).toMatch(/content/);
    expect(validateResponse('market-data', '/v1beta1/news', 'get', 200, res.body, SPEC_RELAXATIONS.news)).toEqual([]);
  });

  it('crypto_assets_carry_alpacas_crypto_exchange_which_the_spec_enum_lacks', async () => {
    const { call } = facadeHarness();
    const res = await call('GET', '/v2/assets/BTCUSD');
    expect(res.body).toMatchObject({ symbol: 'BTC/USD', class: 'crypto', exchange: 'CRYPTO', min_order_size: '0.0001' });
    expect(validateResponse('trading', '/v2/assets/{symbol_or_asset_id}', 'get', 200, res.body)).toEqual(['/exchange must be equal to one of the allowed values']);
  });

  it('bars_without_trade_counts_validate_only_with_the_bar_relaxation', () => {
    const body = { bars: { AAPL: [{ t: '2026-03-10T14:00:00Z', o: 1, h: 1, l: 1, c: 1, v: 100 }] }, next_page_token: null };
    expect(validateResponse('market-data', '/v2/stocks/bars', 'get', 200, body)).not.toEqual([]);
    expect(validateResponse('market-data', '/v2/stocks/bars', 'get', 200, body, SPEC_RELAXATIONS.barsWithoutCounts)).toEqual([]);
  });
});
