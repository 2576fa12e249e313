import { afterEach, describe, expect, it } from 'vitest';
import { skipWithoutSharedData } from '../../../test/support/shared-data.ts';
import { AlpacaBroker } from './alpaca.broker.ts';
import { accountJson, assetJson, fillJson, orderJson, positionJson, uuid } from './test-support/alpaca-fixtures.ts';
import { CapturedLog, harness, type Harness } from './test-support/harness.ts';
import { logUnmanagedOnce } from './alpaca.unmanaged.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SPEC_DIR } from '../../../test/support/openapi.ts';
import type { UnmanagedEntry } from '../../ports/broker.port.ts';

let h: Harness | undefined;
function setup() {
  const made = harness();
  h = made;
  return { broker: new AlpacaBroker(made.client), fake: made.fake };
}
afterEach(() => {
  expect(h?.fake.violations ?? []).toEqual([]);
  h = undefined;
});

describe.skipIf(skipWithoutSharedData('alpaca-openapi'))('AlpacaBroker reads', () => {
  it('maps_the_account_and_a_short_position_to_absolute_quantities', async () => {
    const { broker, fake } = setup();
    fake.on('GET', '/v2/account', { status: 200, body: accountJson() });
    fake.on('GET', '/v2/positions', {
      status: 200,
      body: [positionJson(), positionJson({ symbol: 'TSLA', side: 'short', qty: '-5', qty_available: '-5', market_value: '-1250', cost_basis: '-1300', unrealized_pl: '50' })],
    });
    expect(await broker.getAccount()).toMatchObject({ cash: 100000.25, equity: 100250.75, lastEquity: 100000, buyingPower: 200000.5, multiplier: 2, shortingEnabled: true, tradingBlocked: false });
    const [long, short] = await broker.getPositions();
    expect(long).toMatchObject({ symbol: 'AAPL', side: 'long', qty: 10, avgEntryPrice: 187.25, lastdayPrice: 188.75, unrealizedIntradayPl: 12.5 });
    expect(short).toMatchObject({ symbol: 'TSLA', side: 'short', qty: 5, qtyAvailable: 5, marketValue: -1250, unrealizedPl: 50 });
  });

  it('follows_an_order_lifecycle_with_partial_fills', async () => {
    const { broker, fake } = setup();
    fake.on('GET', '/v2/orders/{order_id}', [
      { status: 200, body: orderJson({ status: 'new' }) },
      { status: 200, body: orderJson({ status: 'partially_filled', filled_qty: '4', filled_avg_price: '187.4', updated_at: '2026-01-23T14:30:01.000000001Z' }) },
      { status: 200, body: orderJson({ status: 'filled', filled_qty: '10', filled_avg_price: '187.46', filled_at: '2026-01-23T14:30:02.5Z', updated_at: '2026-01-23T14:30:02.5Z' }) },
    ]);
    fake.on('GET', '/v2/account/activities/{activity_type}', {
      status: 200,
      body: [
        fillJson(1, { type: 'partial_fill', qty: '4', price: '187.4', cum_qty: '4', leaves_qty: '6', order_status: 'partially_filled' }),
        fillJson(2, { type: 'fill', qty: '6', price: '187.5', cum_qty: '10', leaves_qty: '0' }),
      ],
    });
    const seen = [await broker.getOrder(uuid(1)), await broker.getOrder(uuid(1)), await broker.getOrder(uuid(1))];
    expect(seen.map((o) => [o!.status, o!.filledQty, o!.filledAvgPrice])).toEqual([['new', 0, null], ['partially_filled', 4, 187.4], ['filled', 10, 187.46]]);
    expect(seen[2]!.filledAt).toBe(Date.UTC(2026, 0, 23, 14, 30, 2, 500));
    const { fills, nextPageToken } = await broker.getFills({ after: Date.UTC(2026, 0, 23) });
    expect(fills.map((f) => [f.kind, f.qty, f.price, f.cumQty, f.leavesQty, f.orderId])).toEqual([
      ['partial_fill', 4, 187.4, 4, 6, uuid(1)],
      ['fill', 6, 187.5, 10, 0, uuid(1)],
    ]);
    expect(nextPageToken).toBeNull();
    expect(fake.requests.at(-1)!.url.searchParams.get('after')).toBe('2026-01-23T00:00:00.000Z');
  });

  it('pages_fills_with_the_last_activity_id_as_token', async () => {
    const { broker, fake } = setup();
    const all = [fillJson(1), fillJson(2, { side: 'sell_short', qty: '3' }), fillJson(3)];
    fake.on('GET', '/v2/account/activities/{activity_type}', (req) => {
      const token = req.url.searchParams.get('page_token');
      const from = token ? all.findIndex((f) => f.id === token) + 1 : 0;
      return { status: 200, body: all.slice(from, from + Number(req.url.searchParams.get('page_size'))) };
    });
    const first = await broker.getFills({ pageSize: 2 });
    expect(first.nextPageToken).toBe(all[1]!.id);
    expect(first.fills[1]).toMatchObject({ side: 'sell', qty: 3 });
    const second = await broker.getFills({ pageSize: 2, pageToken: first.nextPageToken! });
    expect(second.fills.map((f) => f.id)).toEqual([all[2]!.id]);
    expect(second.nextPageToken).toBeNull();
    expect(fake.requests.map((r) => [r.url.pathname, r.url.searchParams.get('direction')])).toEqual([
      ['/v2/account/activities/FILL', 'asc'],
      ['/v2/account/activities/FILL', 'asc'],
    ]);
  });

  it('pages_orders_by_time_without_losing_a_shared_boundary_millisecond', async () => {
    const { broker, fake } = setup();
    // 1,100 orders, newest first, two per millisecond (nanoseconds apart); orders 499 and 500 share one,
    // so the first page ends inside a millisecond.
    const base = Date.UTC(2026, 0, 23, 15);
    const orders = Array.from({ length: 1100 }, (_, i) => {
      const ms = base - Math.floor((i + 1) / 2);
      const ts = new Date(ms).toISOString().replace('Z', `${i % 2 ? '000001' : '000002'}Z`);
      return orderJson({ id: uuid(10_000 + i), client_order_id: `c-${i}`, submitted_at: ts, created_at: ts, updated_at: ts });
    });
    fake.on('GET', '/v2/orders', (req) => {
      const until = req.url.searchParams.get('until');
      const limit = Number(req.url.searchParams.get('limit'));
      const kept = orders.filter((o) => !until || Date.parse(o.submitted_at as string) < Date.parse(until));
      return { status: 200, body: kept.slice(0, limit) };
    });
    const got = await broker.listOrders({ status: 'all' });
    expect(got).toHaveLength(1100);
    expect(new Set(got.map((o) => o.id)).size).toBe(1100);
    const queries = fake.requests.map((r) => Object.fromEntries(r.url.searchParams));
    expect(queries[0]).toMatchObject({ status: 'all', limit: '500', direction: 'desc', nested: 'true' });
    expect(queries.length).toBe(3);
    expect(queries[1]!.until).toBe(new Date(base - 250 + 1).toISOString());
  });

  it('maps_the_calendar_in_new_york_time_across_dst_and_early_closes', async () => {
    const { broker, fake } = setup();
    const day = (date: string, close = '16:00') => ({ date, open: '09:30', close, session_open: '0400', session_close: '2000', settlement_date: date });
    fake.on('GET', '/v2/calendar', { status: 200, body: [day('2026-03-05'), day('2026-03-06'), day('2026-03-09'), day('2026-11-27', '13:00')] });
    const days = await broker.getCalendar('2026-03-06', '2026-11-27');
    expect(days.map((d) => d.date)).toEqual(['2026-03-06', '2026-03-09', '2026-11-27']);
    expect(days[0]).toMatchObject({ open: Date.UTC(2026, 2, 6, 14, 30), close: Date.UTC(2026, 2, 6, 21), sessionOpen: Date.UTC(2026, 2, 6, 9) });
    expect(days[1]).toMatchObject({ open: Date.UTC(2026, 2, 9, 13, 30), sessionClose: Date.UTC(2026, 2, 10, 0) });
    expect(days[2]!.close).toBe(Date.UTC(2026, 10, 27, 18));
    expect(fake.requests[0]!.url.searchParams.get('start')).toMatch(/^2026-03-06T12:00:00/);
  });

  it('reads_the_clock_with_offsets_and_nanoseconds', async () => {
    const { broker, fake } = setup();
    fake.on('GET', '/v2/clock', {
      status: 200,
      body: { timestamp: '2026-01-23T10:15:00.123456789-05:00', is_open: true, next_open: '2026-01-26T09:30:00-05:00', next_close: '2026-01-23T16:00:00-05:00' },
    });
    expect(await broker.getClock()).toEqual({ now: Date.UTC(2026, 0, 23, 15, 15, 0, 123), isOpen: true, nextOpen: Date.UTC(2026, 0, 26, 14, 30), nextClose: Date.UTC(2026, 0, 23, 21) });
  });

  it('maps_asset_increments_and_returns_null_for_unknown_ids', async () => {
    const { broker, fake } = setup();
    fake.on('GET', '/v2/assets/{symbol_or_asset_id}', (req) =>
      req.url.pathname.endsWith('/AAPL') ? { status: 200, body: assetJson({ easy_to_borrow: false, borrow_status: 'hard_to_borrow' }) } : { status: 404, body: { message: 'asset not found' } },
    );
    fake.on('GET', '/v2/orders:by_client_order_id', { status: 404, body: { message: 'order not found' } });
    expect(await broker.getAsset('AAPL')).toMatchObject({ assetClass: 'us_equity', easyToBorrow: false, minTradeIncrement: 1, priceIncrement: 0.01, minOrderSize: 1 });
    expect(await broker.getAsset('NOPE')).toBeNull();
    expect(await broker.getOrderByClientOrderId('never-sent')).toBeNull();
  });

  it('rethrows_a_failed_client_order_id_lookup_as_a_retryable_error', async () => {
    const { broker, fake } = setup();
    fake.on('GET', '/v2/orders:by_client_order_id', { status: 502, body: { message: 'bad gateway' } });
    await expect(broker.getOrderByClientOrderId('cat-intent-1')).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retryable: true });
  });

  it('fails_fast_on_a_malformed_order_naming_the_field', async () => {
    const { broker, fake } = setup();
    fake.on('GET', '/v2/orders', { status: 200, body: [orderJson(), orderJson({ id: uuid(2), qty: 'ten' })] });
    await expect(broker.listOrders({ status: 'open' })).rejects.toMatchObject({
      code: 'DATA_INVALID',
      message: expect.stringContaining('[1].qty: expected a decimal string'),
      details: expect.objectContaining({ field: '[1].qty' }),
    });
  });
});

describe.skipIf(skipWithoutSharedData('alpaca-openapi'))('AlpacaBroker on what the domain cannot represent', () => {
  // Alpaca's own examples of an options order, a multi-leg options order and an IPO order.
  // Read lazily: a suite skipped for want of the shared data is still collected.
  const spec = () => JSON.parse(readFileSync(path.join(SPEC_DIR, 'trading-api.json'), 'utf8')) as { components: { examples: Record<string, { value: Record<string, unknown> }> } };
  const example = (name: string) => structuredClone(spec().components.examples[name]!.value);

  it('leaves_options_and_unknown_asset_classes_alone_and_records_them_without_failing_the_stock_book', async () => {
    const recorded: UnmanagedEntry[] = [];
    const made = harness();
    h = made;
    const broker = new AlpacaBroker(made.client, { onUnmanaged: (entries) => recorded.push(...entries) });
    made.fake.on('GET', '/v2/orders', { status: 200, body: [orderJson(), example('OptionOrderResponse'), example('MultilegOptionsOrderResponse'), example('IPOOrderResponse')] });
    made.fake.on('GET', '/v2/positions', { status: 200, body: [positionJson({ symbol: 'AAPL250620C00100000', asset_class: 'us_option', qty: '2', qty_available: '2' }), positionJson()] });
    const orders = await broker.listOrders({ status: 'open' });
    expect(orders.map((o) => [o.symbol, o.assetClass])).toEqual([['AAPL', 'us_equity']]);
    const positions = await broker.getPositions();
    expect(positions.map((p) => p.symbol)).toEqual(['AAPL']);
    expect(recorded).toEqual([
      { endpoint: 'GET /v2/orders', kind: 'order', id: '30a077fa-96f6-4f20-a052-4b921ee2f243', symbol: 'AAPL250620C00100000', assetClass: 'us_option', orderClass: 'simple' },
      { endpoint: 'GET /v2/orders', kind: 'order', id: '83f37e9f-6b1f-49ed-8fc6-3e6af716323f', symbol: 'AAPL241213C00250000,AAPL241213C00260000', assetClass: 'us_option', orderClass: 'mleg' },
      { endpoint: 'GET /v2/orders', kind: 'order', id: '5e2a8f1a-9c10-4d3a-8c64-7f59c1d18c11', symbol: 'FI111225', assetClass: 'ipo', orderClass: '' },
      { endpoint: 'GET /v2/positions', kind: 'position', id: null, symbol: 'AAPL250620C00100000', assetClass: 'us_option' },
    ]);
  });

  it('sets_aside_fills_of_option_contracts_and_keeps_paging_on_the_raw_page', async () => {
    const recorded: UnmanagedEntry[] = [];
    const made = harness();
    h = made;
    const broker = new AlpacaBroker(made.client, { onUnmanaged: (entries) => recorded.push(...entries) });
    made.fake.on('GET', '/v2/account/activities/{activity_type}', { status: 200, body: [fillJson(1), fillJson(2, { symbol: 'AAPL250620C00100000', price: '3.1', qty: '2', cum_qty: '2', order_id: uuid(77) })] });
    const page = await broker.getFills({ pageSize: 2 });
    expect(page.fills.map((f) => f.symbol)).toEqual(['AAPL']);
    expect(page.nextPageToken).toBe(fillJson(2).id);
    expect(recorded).toEqual([{ endpoint: 'GET /v2/account/activities/{activity_type}', kind: 'fill', id: uuid(77), symbol: 'AAPL250620C00100000', assetClass: 'us_option' }]);
  });

  it('logs_each_unmanaged_entry_once_however_often_it_is_listed', () => {
    const log = new CapturedLog();
    const record = logUnmanagedOnce(log);
    const option: UnmanagedEntry = { endpoint: 'GET /v2/positions', kind: 'position', id: null, symbol: 'AAPL250620C00100000', assetClass: 'us_option' };
    record([option]);
    record([option]);
    expect(log.lines).toEqual([expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ symbol: 'AAPL250620C00100000', assetClass: 'us_option' }) })]);
  });

  it('still_fails_fast_on_a_malformed_entry_of_a_class_it_trades', async () => {
    const { broker, fake } = setup();
    fake.on('GET', '/v2/positions', { status: 200, body: [positionJson({ symbol: 'AAPL250620C00100000', asset_class: 'us_option' }), positionJson({ qty: 'ten' })] });
    await expect(broker.getPositions()).rejects.toMatchObject({ code: 'DATA_INVALID', message: expect.stringContaining('[1].qty: expected a decimal string') });
  });
});

describe.skipIf(skipWithoutSharedData('alpaca-openapi'))('AlpacaBroker writes besides submit', () => {
  it('cancels_replaces_and_closes_with_decimal_strings', async () => {
    const { broker, fake } = setup();
    fake.on('DELETE', '/v2/orders/{order_id}', [{ status: 204 }, { status: 422, body: { code: 42210000, message: 'order is not cancelable' } }]);
    fake.on('PATCH', '/v2/orders/{order_id}', { status: 200, body: orderJson({ id: uuid(7), replaces: uuid(1), limit_price: '186.1' }) });
    fake.on('DELETE', '/v2/positions/{symbol_or_asset_id}', { status: 200, body: orderJson({ id: uuid(8), side: 'sell', type: 'market', order_type: 'market', limit_price: null, qty: '2.5' }) });
    await broker.cancelOrder(uuid(1));
    await expect(broker.cancelOrder(uuid(1))).rejects.toMatchObject({ code: 'BROKER_REJECTED', retryable: false });
    const replaced = await broker.replaceOrder(uuid(1), { limitPrice: 186.1, qty: 0.1 + 0.2 });
    expect(replaced).toMatchObject({ id: uuid(7), replaces: uuid(1), limitPrice: 186.1 });
    expect(fake.requests.find((r) => r.method === 'PATCH')!.body).toEqual({ limit_price: '186.1', qty: '0.3' });
    expect(await broker.closePosition('AAPL', { qty: 2.5 })).toMatchObject({ side: 'sell', type: 'market', qty: 2.5 });
    expect(fake.requests.at(-1)!.url.search).toBe('?qty=2.5');
  });
});
