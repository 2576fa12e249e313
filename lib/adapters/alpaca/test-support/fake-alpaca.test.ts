import { describe, expect, it } from 'vitest';
import { skipWithoutSharedData } from '../../../../test/support/shared-data.ts';
import { fillJson, newsJson, orderJson } from './alpaca-fixtures.ts';
import { FakeAlpaca } from './fake-alpaca.ts';

async function get(fake: FakeAlpaca, path: string): Promise<number> {
  return (await fake.fetch(`https://paper-api.alpaca.markets${path}`, { method: 'GET' })).status;
}

describe.skipIf(skipWithoutSharedData('alpaca-openapi'))('FakeAlpaca', () => {
  it('refuses_to_serve_a_fixture_that_breaks_the_openapi_spec', async () => {
    const fake = new FakeAlpaca().on('GET', '/v2/orders/{order_id}', { status: 200, body: orderJson({ filled_qty: 5, symbol: '' }) });
    expect(await get(fake, '/v2/orders/abc')).toBe(599);
    expect(fake.violations.join('\n')).toMatch(/filled_qty must be string[\s\S]*symbol must NOT have fewer than 1 characters/);
  });

  it('applies_only_the_documented_relaxations', async () => {
    const fake = new FakeAlpaca()
      .on('GET', '/v1beta1/news', { status: 200, body: { news: [newsJson(1, { summary: '', author: '' })], next_page_token: null } })
      .on('GET', '/v2/account/activities/{activity_type}', { status: 200, body: [fillJson(1)] });
    expect([await get(fake, '/v1beta1/news'), await get(fake, '/v2/account/activities/FILL')]).toEqual([200, 200]);
    expect(fake.violations).toEqual([]);

    const strict = new FakeAlpaca()
      .on('GET', '/v1beta1/news', { status: 200, body: { news: [newsJson(1, { headline: '' })], next_page_token: null } })
      .on('GET', '/v2/account/activities/{activity_type}', { status: 200, body: [fillJson(1, { price: 187.5, order_id: undefined })] });
    await get(strict, '/v1beta1/news');
    await get(strict, '/v2/account/activities/FILL');
    expect(strict.violations.join('\n')).toMatch(/headline must NOT have fewer than 1 characters[\s\S]*\/0\/price must be string[\s\S]*order_id/);
  });
});
