import { afterEach, describe, expect, it } from 'vitest';
import { skipWithoutSharedData } from '../../../test/support/shared-data.ts';
import { Alpaca } from '@alpacahq/alpaca-trade-api/rest';
import type { OrderRequest } from '../../domain/orders.ts';
import { AlpacaBroker } from './alpaca.broker.ts';
import { bracketJson, orderJson, uuid } from './test-support/alpaca-fixtures.ts';
import { FakeAlpaca } from './test-support/fake-alpaca.ts';
import { harness, KEY_ID, SECRET, type Harness } from './test-support/harness.ts';

const POST = ['POST', '/v2/orders'] as const;
const LOOKUP = ['GET', '/v2/orders:by_client_order_id'] as const;

const bracket: OrderRequest = {
  clientOrderId: 'cat-intent-1',
  symbol: 'AAPL',
  side: 'buy',
  type: 'limit',
  timeInForce: 'day',
  qty: 10,
  limitPrice: 187.5,
  orderClass: 'bracket',
  takeProfit: { limitPrice: 195 },
  stopLoss: { stopPrice: 0.1 + 181.9 },
};

let h: Harness | undefined;
function setup(overrides: Parameters<typeof harness>[0] = {}) {
  const made = harness(overrides);
  h = made;
  return { broker: new AlpacaBroker(made.client), fake: made.fake };
}
afterEach(() => {
  expect(h?.fake.violations ?? []).toEqual([]);
  h = undefined;
});

describe.skipIf(skipWithoutSharedData('alpaca-openapi'))('AlpacaBroker.submitOrder', () => {
  it('accepts_a_bracket_order_and_maps_its_nested_legs', async () => {
    const { broker, fake } = setup();
    fake.on(...POST, { status: 200, body: bracketJson() });
    const outcome = await broker.submitOrder(bracket);
    expect(fake.requests[0]!.body).toMatchObject({
      client_order_id: 'cat-intent-1', symbol: 'AAPL', side: 'buy', type: 'limit', time_in_force: 'day', qty: '10',
      limit_price: '187.5', order_class: 'bracket', take_profit: { limit_price: '195' }, stop_loss: { stop_price: '182' },
    });
    expect(outcome.status).toBe('accepted');
    if (outcome.status !== 'accepted') return;
    expect(outcome.order).toMatchObject({ id: uuid(1), orderClass: 'bracket', qty: 10, limitPrice: 187.5, status: 'new' });
    expect(outcome.order.createdAt).toBe(Date.UTC(2026, 0, 23, 14, 30, 0, 123));
    expect(outcome.order.legs.map((l) => [l.type, l.side, l.status, l.limitPrice, l.stopPrice])).toEqual([
      ['limit', 'sell', 'held', 195, null],
      ['stop', 'sell', 'held', null, 182],
    ]);
    // A held leg not yet at the venue is dated by its creation.
    expect(outcome.order.legs[1]!.submittedAt).toBe(outcome.order.legs[1]!.createdAt);
  });

  it.each([
    ['rejects_insufficient_buying_power_without_throwing', 'insufficient buying power', 'insufficient_buying_power'],
    ['rejects_a_potential_wash_trade', 'potential wash trade detected. use complex orders', 'wash_trade'],
    ['rejects_insufficient_qty', 'insufficient qty available for order (requested: 10, available: 0)', 'insufficient_qty'],
  ])('%s', async (_name, message, reason) => {
    const { broker, fake } = setup();
    fake.on(...POST, { status: 403, body: { code: 40310000, message } });
    const outcome = await broker.submitOrder(bracket);
    expect(outcome).toEqual({ status: 'rejected', reason, message, httpStatus: 403, brokerCode: 40310000 });
    expect(fake.count(...LOOKUP)).toBe(0);
  });

  it.each([
    ['rejects_a_sub_penny_price_as_invalid_price', 'invalid limit_price 187.505. sub-penny increment does not fulfill minimum pricing criteria', 'invalid_price'],
    ['rejects_an_untradable_asset', 'asset "XYZW" is not tradable', 'not_tradable'],
  ])('%s', async (_name, message, reason) => {
    const { broker, fake } = setup();
    fake.on(...POST, { status: 422, body: { code: 42210000, message } });
    expect(await broker.submitOrder(bracket)).toMatchObject({ status: 'rejected', reason, httpStatus: 422, brokerCode: 42210000 });
  });

  it('resolves_a_duplicate_client_order_id_by_looking_it_up', async () => {
    const { broker, fake } = setup();
    fake.on(...POST, { status: 422, body: { code: 40010001, message: 'client_order_id must be unique' } });
    fake.on(...LOOKUP, { status: 200, body: orderJson({ status: 'partially_filled', filled_qty: '4', filled_avg_price: '187.49' }) });
    const outcome = await broker.submitOrder(bracket);
    expect(outcome).toMatchObject({ status: 'duplicate', order: { clientOrderId: 'cat-intent-1', filledQty: 4, filledAvgPrice: 187.49 } });
    expect(fake.requests.find((r) => r.route === LOOKUP[1])!.url.searchParams.get('client_order_id')).toBe('cat-intent-1');
    expect(fake.count(...POST)).toBe(1);
  });

  it('resolves_an_ambiguous_submit_by_client_order_id', async () => {
    const { broker, fake } = setup();
    fake.on(...POST, { status: 503, body: { message: 'service unavailable' } });
    fake.on(...LOOKUP, { status: 200, body: orderJson() });
    expect(await broker.submitOrder(bracket)).toMatchObject({ status: 'accepted', order: { clientOrderId: 'cat-intent-1' } });
    expect(fake.count(...POST)).toBe(1);
  });

  it('leaves_a_timed_out_submit_unresolved_when_the_lookup_finds_nothing', async () => {
    const { broker, fake } = setup({ timeoutMs: 30, maxRateWaitMs: 10 });
    fake.on(...POST, 'hang');
    fake.on(...LOOKUP, { status: 404, body: { code: 40410000, message: 'order not found' } });
    const outcome = await broker.submitOrder(bracket);
    expect(outcome.status).toBe('unresolved');
    expect(outcome.status === 'unresolved' && outcome.message).toMatch(/timed out.*no order with this client order id/);
    expect(fake.count(...POST)).toBe(1);
  });

  it('leaves_a_submit_unresolved_when_the_lookup_fails_too', async () => {
    const { broker, fake } = setup();
    fake.on(...POST, 'network-error');
    fake.on(...LOOKUP, { status: 500, body: { message: 'internal server error' } });
    const outcome = await broker.submitOrder(bracket);
    expect(outcome).toMatchObject({ status: 'unresolved', message: expect.stringMatching(/network error.*lookup failed too/) });
    expect([fake.count(...POST), fake.count(...LOOKUP)]).toEqual([1, 1]);
  });

  it('never_retries_a_post_whatever_alpaca_answers', async () => {
    for (const status of [408, 429, 500, 502, 503, 504]) {
      const { broker, fake } = setup();
      fake.on(...POST, { status, body: { message: 'try later' }, headers: { 'Retry-After': '0' } });
      fake.on(...LOOKUP, { status: 404, body: { message: 'order not found' } });
      await broker.submitOrder(bracket).catch(() => undefined);
      expect([status, fake.count(...POST)]).toEqual([status, 1]);
    }
  });

  it('the_sdk_itself_retries_only_safe_verbs', async () => {
    // Evidence for the claim above at the SDK level, with its retries switched on (our client turns them off).
    const fake = new FakeAlpaca().on('POST', '/v2/orders', { status: 503 }).on('GET', '/v2/account', { status: 503 });
    const sdk = new Alpaca({ keyId: KEY_ID, secret: SECRET, fetchApi: fake.fetch, rateLimit: false, retry: { maxRetries: 2, retryDelayMs: 1, maxDelayMs: 1 } });
    await expect(sdk.trading.orders.postOrder({ postOrderRequest: { type: 'market', timeInForce: 'day', symbol: 'AAPL', qty: '1', side: 'buy' } })).rejects.toThrow();
    await expect(sdk.trading.account.getAccount()).rejects.toThrow();
    expect([fake.count('POST', '/v2/orders'), fake.count('GET', '/v2/account')]).toEqual([1, 3]);
  });

  it('throws_rate_limited_with_retry_after_on_a_429_since_nothing_was_done', async () => {
    const { broker, fake } = setup();
    fake.on(...POST, { status: 429, body: { code: 42910000, message: 'too many requests' }, headers: { 'Retry-After': '7' } });
    await expect(broker.submitOrder(bracket)).rejects.toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 7 });
    expect([fake.count(...POST), fake.count(...LOOKUP)]).toEqual([1, 0]);
  });

  it('throws_a_dependency_refusal_for_bad_keys_and_does_not_retry', async () => {
    const { broker, fake } = setup();
    fake.on(...POST, { status: 401, body: { message: 'unauthorized.' } });
    await expect(broker.submitOrder(bracket)).rejects.toMatchObject({ code: 'DEPENDENCY_REFUSED', status: 502, retryable: false });
  });

  it('settles_an_accepted_order_with_an_unreadable_answer_by_lookup', async () => {
    const { broker, fake } = setup();
    // Spec-valid, but 'n/a' is no quantity: the adapter is stricter than the spec, and never guesses.
    fake.on(...POST, [{ status: 200, body: orderJson({ filled_qty: 'n/a' }) }, { status: 200, text: '<html>upstream' }]);
    fake.on(...LOOKUP, [{ status: 200, body: orderJson({ filled_qty: 'n/a' }) }, { status: 200, body: orderJson() }]);
    expect(await broker.submitOrder(bracket)).toMatchObject({ status: 'unresolved', message: expect.stringMatching(/accepted.*filled_qty/) });
    expect(await broker.submitOrder(bracket)).toMatchObject({ status: 'accepted', order: { clientOrderId: 'cat-intent-1' } });
    expect([fake.count(...POST), fake.count(...LOOKUP)]).toEqual([2, 2]);
  });

  it('refuses_a_request_with_both_qty_and_notional_before_sending', async () => {
    const { broker, fake } = setup();
    await expect(broker.submitOrder({ ...bracket, notional: 1000 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(fake.requests).toEqual([]);
  });
});
