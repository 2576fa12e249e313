import { describe, expect, it } from 'vitest';
import { skipWithoutSharedData } from '../../../test/support/shared-data.ts';
import { AlpacaBroker } from './alpaca.broker.ts';
import { AlpacaClient } from './alpaca.client.ts';
import { AlpacaMarketData } from './alpaca.market-data.ts';
import { accountJson, orderJson } from './test-support/alpaca-fixtures.ts';
import { harness, KEY_ID, SECRET } from './test-support/harness.ts';

const account = { status: 200, body: accountJson() };

describe.skipIf(skipWithoutSharedData('alpaca-openapi'))('AlpacaClient environment', () => {
  it('uses_paper_by_default_and_live_only_with_the_explicit_flag', async () => {
    const paper = harness();
    paper.fake.on('GET', '/v2/account', account);
    await new AlpacaBroker(paper.client).getAccount();
    expect(paper.fake.requests[0]!.url.host).toBe('paper-api.alpaca.markets');
    expect(paper.client.live).toBe(false);
    expect(paper.log.lines.filter((l) => l.level === 'warn')).toEqual([]);

    const truthy = harness({ live: 'true' as unknown as boolean });
    expect(truthy.client.live).toBe(false);
    expect(truthy.client.hosts.trading).toBe('paper-api.alpaca.markets');

    const live = harness({ live: true });
    live.fake.on('GET', '/v2/account', account);
    await new AlpacaBroker(live.client).getAccount();
    expect(live.fake.requests[0]!.url.host).toBe('api.alpaca.markets');
    expect(live.log.lines).toContainEqual(expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/LIVE TRADING.*real money/) }));
    // Every construction warns, not only the first one in a process.
    new AlpacaClient({ keyId: KEY_ID, secretKey: SECRET, live: true, clock: live.clock, rateLimiter: live.limiter, logger: live.log });
    expect(live.log.lines.filter((l) => /LIVE TRADING/.test(l.msg))).toHaveLength(2);
  });

  it('rewrites_both_hosts_to_the_configured_base_urls', async () => {
    const h = harness({ tradingBaseUrl: 'http://127.0.0.1:8090/alpaca/', dataBaseUrl: 'http://127.0.0.1:8091' }, '/alpaca');
    h.fake.on('GET', '/v2/account', account);
    h.fake.on('GET', '/v1beta1/screener/stocks/most-actives', { status: 200, body: { most_actives: [], last_updated: '2026-01-23T15:00:00Z' } });
    await new AlpacaBroker(h.client).getAccount();
    await new AlpacaMarketData(h.client).getMostActives({ by: 'volume', top: 5 });
    expect(h.fake.requests.map((r) => r.url.href)).toEqual([
      'http://127.0.0.1:8090/alpaca/v2/account',
      'http://127.0.0.1:8091/v1beta1/screener/stocks/most-actives?by=volume&top=5',
    ]);
    expect(Object.keys(await h.client.budget())).toEqual(['127.0.0.1:8090', '127.0.0.1:8091']);
  });

  it('refuses_to_build_without_both_keys', () => {
    const h = harness();
    expect(() => new AlpacaClient({ keyId: KEY_ID, secretKey: '', clock: h.clock, rateLimiter: h.limiter, logger: h.log })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });
});

describe.skipIf(skipWithoutSharedData('alpaca-openapi'))('AlpacaClient rate budget', () => {
  it('waits_for_a_token_then_sends_when_the_budget_refills', async () => {
    const h = harness({ requestsPerMinute: { trading: 2 }, timeoutMs: 60_000, maxRateWaitMs: 40_000 });
    h.fake.on('GET', '/v2/account', account);
    const broker = new AlpacaBroker(h.client);
    const start = h.clock.now();
    for (let i = 0; i < 3; i++) await broker.getAccount();
    expect(h.fake.count('GET', '/v2/account')).toBe(3);
    expect(h.clock.now() - start).toBe(30_000);
  });

  it('fails_with_rate_limited_when_the_budget_stays_empty_and_sends_nothing', async () => {
    const h = harness({ requestsPerMinute: { trading: 2 }, timeoutMs: 5_000, maxRateWaitMs: 1_000 });
    h.fake.on('POST', '/v2/orders', { status: 200, body: orderJson() });
    const broker = new AlpacaBroker(h.client);
    const order = { clientOrderId: 'c', symbol: 'AAPL', side: 'buy', type: 'market', timeInForce: 'day', qty: 1 } as const;
    await broker.submitOrder({ ...order, clientOrderId: 'c1' });
    await broker.submitOrder({ ...order, clientOrderId: 'c2' });
    await expect(broker.submitOrder({ ...order, clientOrderId: 'c3' })).rejects.toMatchObject({
      code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 30, details: { sent: false },
    });
    expect(h.fake.count('POST', '/v2/orders')).toBe(2);
  });

  it('shares_one_budget_per_host_across_concurrent_invocations', async () => {
    const a = harness({ requestsPerMinute: { trading: 3 }, maxRateWaitMs: 10 });
    const b = harness({ requestsPerMinute: { trading: 3 }, maxRateWaitMs: 10, rateLimiter: a.limiter, clock: a.clock, sleep: a.clock.sleep });
    for (const h of [a, b]) h.fake.on('GET', '/v2/account', account);
    await Promise.all([new AlpacaBroker(a.client).getAccount(), new AlpacaBroker(b.client).getAccount(), new AlpacaBroker(a.client).getAccount()]);
    await expect(new AlpacaBroker(b.client).getAccount()).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(await b.client.budget()).toEqual({ 'paper-api.alpaca.markets': 0, 'data.alpaca.markets': 200 });
  });

  it('follows_x_ratelimit_remaining_when_alpaca_reports_less', async () => {
    const h = harness();
    const reset = String(Math.floor(h.clock.now() / 1000) + 42);
    h.fake.on('GET', '/v2/account', { ...account, headers: { 'X-RateLimit-Limit': '200', 'X-RateLimit-Remaining': '3', 'X-RateLimit-Reset': reset } });
    await new AlpacaBroker(h.client).getAccount();
    expect(await h.client.budget()).toEqual({ 'paper-api.alpaca.markets': 3, 'data.alpaca.markets': 200 });
    // The shared bucket itself was drained, so other invocations see it too.
    expect(await h.limiter.peek('alpaca:paper-api.alpaca.markets', { capacity: 200, refillPerSecond: 200 / 60 })).toBe(3);
  });

  it('empties_the_shared_bucket_on_a_429_and_reports_retry_after', async () => {
    const h = harness();
    h.fake.on('GET', '/v2/account', { status: 429, body: { code: 42910000, message: 'too many requests' }, headers: { 'Retry-After': '12' } });
    await expect(new AlpacaBroker(h.client).getAccount()).rejects.toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 12 });
    expect((await h.client.budget())['paper-api.alpaca.markets']).toBe(0);
  });

  it('counts_calls_per_endpoint_and_host', async () => {
    const h = harness();
    h.fake.on('GET', '/v2/account', account);
    h.fake.on('GET', '/v2/orders/{order_id}', { status: 404, body: { message: 'order not found' } });
    const broker = new AlpacaBroker(h.client);
    await broker.getAccount();
    await broker.getAccount();
    await broker.getOrder('00000000-0000-4000-8000-000000000009');
    expect(broker.stats()).toEqual({ calls: 3, byEndpoint: { 'GET /v2/account': 2, 'GET /v2/orders/{order_id}': 1 } });
    expect(new AlpacaMarketData(h.client).stats()).toEqual({ calls: 0, byEndpoint: {} });
  });
});

describe.skipIf(skipWithoutSharedData('alpaca-openapi'))('AlpacaClient secrets', () => {
  it('never_puts_the_secret_in_an_error_or_a_log_line', async () => {
    const h = harness({ timeoutMs: 30, maxRateWaitMs: 10 });
    // A misbehaving proxy that echoes the request's headers back in its error bodies.
    const echo = (status: number) => (req: { headers: Headers }) => {
      const sent: string[] = [];
      req.headers.forEach((value, name) => sent.push(`${name}: ${value}`));
      return { status, body: { message: `denied; you sent ${sent.join(', ')}` } };
    };
    h.fake.on('GET', '/v2/account', echo(500));
    h.fake.on('GET', '/v2/positions', echo(403));
    h.fake.on('POST', '/v2/orders', echo(502));
    h.fake.on('GET', '/v2/orders:by_client_order_id', echo(401));
    const broker = new AlpacaBroker(h.client);
    const errors = await Promise.all([broker.getAccount().catch((e: unknown) => e), broker.getPositions().catch((e: unknown) => e)]);
    const outcome = await broker.submitOrder({ clientOrderId: 'c1', symbol: 'AAPL', side: 'buy', type: 'market', timeInForce: 'day', qty: 1 });
    expect(h.fake.requests[0]!.headers.get('apca-api-secret-key')).toBe(SECRET);
    const everything = JSON.stringify(errors.map((e) => ({ message: (e as Error).message, details: (e as { details?: unknown }).details }))) + JSON.stringify(outcome) + h.log.text();
    expect(everything).toContain('[redacted]');
    expect(everything).not.toContain(SECRET);
  });
});
