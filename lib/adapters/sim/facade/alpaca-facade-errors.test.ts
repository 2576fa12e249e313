import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ny } from '../broker/sim-broker-fixture.ts';
import { startAlpacaFacade, type RunningFacade } from './alpaca-facade.ts';
import { facadeHarness, KEYS } from './facade-fixture.ts';
import { createFakeMarketData, createFakeNewsSource } from './fake-market-data.ts';

describe('Alpaca facade: authentication and error envelopes', () => {
  it('requires_both_alpaca_key_headers_of_a_configured_pair', async () => {
    const { call } = facadeHarness();
    const unauthorized = { status: 401, body: { message: 'unauthorized.' } };
    expect(await call('GET', '/v2/account', undefined, {})).toEqual(unauthorized);
    expect(await call('GET', '/v2/account', undefined, { 'apca-api-key-id': KEYS.keyId })).toEqual(unauthorized);
    expect(await call('GET', '/v2/account', undefined, { 'apca-api-key-id': KEYS.keyId, 'apca-api-secret-key': 'wrong' })).toEqual(unauthorized);
    expect(await call('GET', '/v2/stocks/bars?symbols=AAPL&timeframe=1Min', undefined, { 'apca-api-key-id': 'PKSECOND', 'apca-api-secret-key': KEYS.secretKey })).toEqual(unauthorized);
    expect((await call('GET', '/v2/account', undefined, { 'apca-api-key-id': 'PKSECOND', 'apca-api-secret-key': 'second-secret' })).status).toBe(200);
  });

  it('answers_order_refusals_with_alpacas_status_code_and_message', async () => {
    const { call } = facadeHarness();
    const order = { symbol: 'AAPL', qty: '1', side: 'buy', type: 'limit', time_in_force: 'day', limit_price: '10', client_order_id: 'dup-1' };
    expect((await call('POST', '/v2/orders', order)).status).toBe(200);
    expect(await call('POST', '/v2/orders', order)).toEqual({ status: 422, body: { code: 40010001, message: 'client_order_id must be unique' } });
    expect(await call('POST', '/v2/orders', { ...order, client_order_id: 'bp', qty: '100000' })).toEqual({ status: 403, body: { code: 40310000, message: 'insufficient buying power' } });
    expect(await call('POST', '/v2/orders', { ...order, client_order_id: 'penny', limit_price: '10.001' })).toEqual({
      status: 422,
      body: { code: 42210000, message: 'invalid limit_price 10.001. sub-penny increment does not fulfill minimum pricing criteria' },
    });
    const malformed = await call('POST', '/v2/orders', { ...order, side: 'sideways', qty: 'ten' });
    expect(malformed.status).toBe(422);
    expect(malformed.body).toEqual({ code: 40010001, message: 'qty: expected a decimal number such as "10" or "10.5"; side: expected one of "buy", "sell"' });
    expect(await call('POST', '/v2/orders', undefined)).toMatchObject({ status: 422, body: { code: 40010001 } });
  });

  it('answers_unknown_orders_malformed_ids_ended_orders_and_unknown_paths_as_alpaca_does', async () => {
    const { call, clock } = facadeHarness();
    expect(await call('GET', '/v2/orders/not-a-uuid')).toEqual({ status: 422, body: { code: 40010001, message: 'order_id is missing' } });
    expect(await call('GET', '/v2/orders/00000000-0000-4000-8000-000000000000')).toMatchObject({ status: 404, body: { code: 40410000 } });
    expect(await call('DELETE', '/v2/orders/00000000-0000-4000-8000-000000000000')).toMatchObject({ status: 404, body: { code: 40410000, message: 'order not found' } });
    const placed = await call('POST', '/v2/orders', { symbol: 'AAPL', qty: '1', side: 'buy', type: 'market', time_in_force: 'day' });
    const id = (placed.body as { id: string }).id;
    clock.set(ny('10:01'));
    expect(await call('DELETE', `/v2/orders/${id}`)).toEqual({ status: 422, body: { code: 42210000, message: 'order is already in "filled" state' } });
    expect(await call('GET', '/v2/positions/MSFT')).toEqual({ status: 404, body: { code: 40410000, message: 'position does not exist' } });
    expect(await call('GET', '/v2/watchlists')).toEqual({ status: 404, body: { code: 40410000, message: 'endpoint not found' } });
    expect(await call('PUT', '/v2/account')).toMatchObject({ status: 405 });
    expect(await call('GET', '/v2/stocks/bars?symbols=AAPL&timeframe=7Day')).toMatchObject({ status: 400, body: { message: 'invalid timeframe 7Day' } });
    expect(await call('GET', '/v2/orders?status=everything')).toMatchObject({ status: 422, body: { code: 40010001 } });
  });
});

describe('Alpaca facade over HTTP', () => {
  let running: RunningFacade;
  const h = facadeHarness();
  beforeAll(async () => {
    running = await startAlpacaFacade({
      broker: h.broker,
      marketData: createFakeMarketData(h.feed, h.clock),
      news: createFakeNewsSource(h.feed, h.clock),
      clock: h.clock,
      credentials: [KEYS],
      port: 0,
    });
  });
  afterAll(async () => {
    await running.close();
  });
  const headers = { 'APCA-API-KEY-ID': KEYS.keyId, 'APCA-API-SECRET-KEY': KEYS.secretKey, 'content-type': 'application/json' };

  it('serves_json_with_url_encoded_crypto_symbols_and_answers_cancel_with_204_and_no_body', async () => {
    const asset = await fetch(`${running.url}/v2/assets/BTC%2FUSD`, { headers });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/application\/json/);
    expect(await asset.json()).toMatchObject({ symbol: 'BTC/USD', class: 'crypto' });
    const placed = await fetch(`${running.url}/v2/orders`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ symbol: 'BTC/USD', qty: '0.01', side: 'buy', type: 'limit', limit_price: '1000', time_in_force: 'gtc' }),
    });
    const order = (await placed.json()) as { id: string; status: string };
    expect(order.status).toBe('new');
    const canceled = await fetch(`${running.url}/v2/orders/${order.id}`, { method: 'DELETE', headers });
    expect(canceled.status).toBe(204);
    expect(await canceled.text()).toBe('');
    const denied = await fetch(`${running.url}/v2/account`);
    expect([denied.status, await denied.json()]).toEqual([401, { message: 'unauthorized.' }]);
    const broken = await fetch(`${running.url}/v2/orders`, { method: 'POST', headers, body: '{not json' });
    expect([broken.status, await broken.json()]).toEqual([400, { code: 40010000, message: 'request body format is invalid' }]);
  });
});
