import { describe, expect, it } from 'vitest';
import { skipWithoutSharedData } from '../../../test/support/shared-data.ts';
import { AlpacaBroker } from './alpaca.broker.ts';
import { AlpacaMarketData } from './alpaca.market-data.ts';
import { retryAfterSeconds } from './alpaca.errors.ts';
import { harness } from './test-support/harness.ts';
import type { Behaviour } from './test-support/fake-alpaca.ts';

const NOW = Date.UTC(2026, 0, 23, 14, 30);

describe.skipIf(skipWithoutSharedData('alpaca-openapi'))('Alpaca errors as AppErrors', () => {
  it.each<[string, Behaviour, string]>([
    ['503', { status: 503, body: { message: 'service unavailable' } }, 'DEPENDENCY_UNAVAILABLE'],
    ['500', { status: 500, body: { message: 'internal server error' } }, 'DEPENDENCY_UNAVAILABLE'],
    ['504', { status: 504 }, 'DEPENDENCY_TIMEOUT'],
    ['timeout', 'hang', 'DEPENDENCY_TIMEOUT'],
    ['network', 'network-error', 'DEPENDENCY_UNAVAILABLE'],
  ])('maps_a_%s_on_a_read_to_a_retryable_error', async (_name, behaviour, code) => {
    const h = harness({ timeoutMs: 30, maxRateWaitMs: 10 });
    h.fake.on('GET', '/v2/positions', behaviour);
    await expect(new AlpacaBroker(h.client).getPositions()).rejects.toMatchObject({ code, retryable: true, details: { endpoint: 'GET /v2/positions' } });
    expect(h.fake.count('GET', '/v2/positions')).toBe(1);
  });

  it('marks_failed_writes_not_retryable_except_an_idempotent_cancel', async () => {
    const h = harness({ timeoutMs: 30, maxRateWaitMs: 10 });
    h.fake.on('DELETE', '/v2/positions/{symbol_or_asset_id}', { status: 503 });
    h.fake.on('PATCH', '/v2/orders/{order_id}', 'hang');
    h.fake.on('DELETE', '/v2/orders/{order_id}', { status: 503 });
    const broker = new AlpacaBroker(h.client);
    await expect(broker.closePosition('AAPL')).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retryable: false });
    await expect(broker.replaceOrder('00000000-0000-4000-8000-000000000001', { limitPrice: 10 })).rejects.toMatchObject({ code: 'DEPENDENCY_TIMEOUT', retryable: false });
    await expect(broker.cancelOrder('00000000-0000-4000-8000-000000000001')).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retryable: true });
  });

  it('maps_alpacas_auth_and_permission_refusals_to_a_dependency_error_never_the_callers_401', async () => {
    const h = harness();
    h.fake.on('GET', '/v2/account', { status: 401, body: { message: 'unauthorized.' } });
    h.fake.on('GET', '/v2/stocks/snapshots', { status: 403, body: { message: 'subscription does not permit querying recent SIP data' } });
    await expect(new AlpacaBroker(h.client).getAccount()).rejects.toMatchObject({ code: 'DEPENDENCY_REFUSED', retryable: false, status: 502, message: expect.stringContaining('Alpaca') });
    await expect(new AlpacaMarketData(h.client, { feed: 'sip' }).getSnapshots(['AAPL'])).rejects.toMatchObject({
      code: 'DEPENDENCY_REFUSED', status: 502, retryable: false, message: expect.stringContaining('SIP'),
    });
  });

  it('reads_retry_after_as_seconds_or_an_http_date_else_the_window_reset', () => {
    expect(retryAfterSeconds(new Headers({ 'Retry-After': '3' }), NOW)).toBe(3);
    expect(retryAfterSeconds(new Headers({ 'Retry-After': new Date(NOW + 9_500).toUTCString() }), NOW)).toBe(9);
    expect(retryAfterSeconds(new Headers({ 'X-RateLimit-Reset': String(NOW / 1000 + 20) }), NOW)).toBe(20);
    expect(retryAfterSeconds(new Headers(), NOW)).toBeUndefined();
  });
});
