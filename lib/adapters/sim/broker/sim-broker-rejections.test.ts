import { describe, expect, it } from 'vitest';
import type { OrderRequest } from '../../../domain/orders.ts';
import { minuteBars } from './fake-sim-feed.ts';
import { harness, ny, request } from './sim-broker-fixture.ts';

function priced() {
  const h = harness({ start: ny('10:00') });
  h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100]));
  h.feed.addBars('HTZ', minuteBars(ny('09:59'), [10]));
  h.feed.addBars('PENNY', minuteBars(ny('09:59'), [0.5]));
  h.feed.addBars('BTC/USD', minuteBars(ny('09:59'), [60_000]));
  return h;
}

describe('simulated broker: rejections as Alpaca rejects', () => {
  it('rejects_a_duplicate_client_order_id_as_alpaca_does_also_after_a_cancel', async () => {
    const h = priced();
    const first = await h.broker.submitOrder(request({ clientOrderId: 'intent-1', type: 'limit', limitPrice: 90 }));
    expect(first.status).toBe('accepted');
    const again = await h.broker.submitOrder(request({ clientOrderId: 'intent-1', qty: 1 }));
    expect(again).toMatchObject({ status: 'duplicate', order: { clientOrderId: 'intent-1', qty: 10, limitPrice: 90 } });
    if (first.status === 'accepted') await h.broker.cancelOrder(first.order.id);
    h.wait(1);
    expect(await h.broker.submitOrder(request({ clientOrderId: 'intent-1' }))).toMatchObject({ status: 'duplicate', order: { status: 'canceled' } });
    expect(await h.broker.listOrders({ status: 'all' })).toHaveLength(1);
  });

  it('rejects_an_order_beyond_buying_power_with_403_and_counts_open_buy_orders_as_holds', async () => {
    const h = priced();
    // $100,000 cash at 2x margin: $200,000 of buying power.
    expect(await h.broker.submitOrder(request({ qty: 2001 }))).toMatchObject({
      status: 'rejected',
      reason: 'insufficient_buying_power',
      httpStatus: 403,
      brokerCode: 40310000,
      message: 'insufficient buying power',
    });
    expect(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 99, qty: 1500 }))).toMatchObject({ status: 'accepted' });
    expect((await h.broker.getAccount()).buyingPower).toBeCloseTo(200_000 - 1500 * 99, 6);
    expect(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 99, qty: 600 }))).toMatchObject({ status: 'rejected', httpStatus: 403 });
    expect(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 99, qty: 500 }))).toMatchObject({ status: 'accepted' });
  });

  it('a_cash_account_buys_only_with_cash_and_may_not_short', async () => {
    const h = harness({ start: ny('10:00'), config: { marginMultiplier: 1, initialCash: 10_000 } });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100]));
    expect(await h.broker.submitOrder(request({ qty: 101 }))).toMatchObject({ status: 'rejected', reason: 'insufficient_buying_power' });
    expect(await h.broker.submitOrder(request({ side: 'sell', qty: 1 }))).toMatchObject({ status: 'rejected', httpStatus: 403, message: 'account is not allowed to short' });
  });

  it('rejects_a_potential_wash_trade_unless_sent_as_a_complex_order', async () => {
    const h = priced();
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [100]));
    await h.broker.submitOrder(request({ qty: 10 }));
    h.clock.set(ny('10:01'));
    expect(await h.broker.submitOrder(request({ side: 'sell', type: 'limit', limitPrice: 105, qty: 10 }))).toMatchObject({ status: 'accepted' });
    const wash = { status: 'rejected', reason: 'wash_trade', httpStatus: 403, brokerCode: 40310000, message: 'potential wash trade detected. use complex orders' };
    expect(await h.broker.submitOrder(request({ qty: 1 }))).toMatchObject(wash);
    expect(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 105, qty: 1 }))).toMatchObject(wash);
    expect(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 104.99, qty: 1 }))).toMatchObject({ status: 'accepted' });
    expect(await h.broker.submitOrder(request({ qty: 1, orderClass: 'oto', stopLoss: { stopPrice: 90 } }))).toMatchObject({ status: 'accepted' });
  });

  it('rejects_sub_penny_prices_two_decimals_from_one_dollar_four_below', async () => {
    const h = priced();
    expect(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 99.123 }))).toMatchObject({
      status: 'rejected',
      httpStatus: 422,
      brokerCode: 42210000,
      reason: 'invalid_price',
      message: 'invalid limit_price 99.123. sub-penny increment does not fulfill minimum pricing criteria',
    });
    expect(await h.broker.submitOrder(request({ symbol: 'PENNY', type: 'limit', limitPrice: 0.4912 }))).toMatchObject({ status: 'accepted' });
    expect(await h.broker.submitOrder(request({ symbol: 'PENNY', type: 'limit', limitPrice: 0.49123 }))).toMatchObject({ status: 'rejected', httpStatus: 422 });
    expect(await h.broker.submitOrder(request({ type: 'stop', stopPrice: 101.005 }))).toMatchObject({ status: 'rejected', reason: 'invalid_price' });
  });

  it('rejects_unknown_and_non_tradable_assets_with_422', async () => {
    const h = priced();
    expect(await h.broker.submitOrder(request({ symbol: 'NOPE' }))).toMatchObject({ status: 'rejected', httpStatus: 422, reason: 'not_tradable' });
    expect(await h.broker.submitOrder(request({ symbol: 'HALT' }))).toMatchObject({ status: 'rejected', httpStatus: 422, message: 'asset HALT is not tradable' });
  });

  it('shorts_only_shortable_assets_and_never_crypto', async () => {
    const h = priced();
    expect(await h.broker.submitOrder(request({ symbol: 'HTZ', side: 'sell' }))).toMatchObject({ status: 'rejected', httpStatus: 403, message: 'asset HTZ is not shortable' });
    expect(await h.broker.submitOrder(request({ side: 'sell', qty: 1.5 }))).toMatchObject({ status: 'rejected', httpStatus: 422 });
    expect(await h.broker.submitOrder(request({ symbol: 'BTC/USD', side: 'sell', qty: 0.5, timeInForce: 'gtc' }))).toMatchObject({
      status: 'rejected',
      httpStatus: 403,
      message: 'insufficient balance for BTC (requested: 0.5, available: 0)',
    });
    expect(await h.broker.submitOrder(request({ side: 'sell', qty: 5 }))).toMatchObject({ status: 'accepted', order: { side: 'sell' } });
  });

  it('rejects_selling_more_than_open_orders_leave_available', async () => {
    const h = priced();
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [100]));
    await h.broker.submitOrder(request({ qty: 10 }));
    h.clock.set(ny('10:01'));
    await h.broker.submitOrder(request({ side: 'sell', type: 'stop', stopPrice: 95, qty: 6 }));
    expect(await h.broker.submitOrder(request({ side: 'sell', type: 'stop', stopPrice: 94, qty: 5 }))).toMatchObject({
      status: 'rejected',
      reason: 'insufficient_qty',
      httpStatus: 403,
      message: 'insufficient qty available for order (requested: 5, available: 4)',
    });
    expect((await h.broker.getPositions())[0]).toMatchObject({ qty: 10, qtyAvailable: 4 });
  });

  it('rejects_invalid_combinations_with_422', async () => {
    const h = priced();
    const cases: Partial<OrderRequest>[] = [
      { type: 'limit' },
      { type: 'stop_limit', stopPrice: 101 },
      { type: 'market', limitPrice: 100 },
      { type: 'trailing_stop', side: 'sell', trailPrice: 1, trailPercent: 1 },
      { type: 'trailing_stop', side: 'sell' },
      { qty: undefined },
      { qty: 1, notional: 100 },
      { notional: 100, qty: undefined, type: 'limit', limitPrice: 99 },
      { orderClass: 'bracket', takeProfit: { limitPrice: 110 } },
      { orderClass: 'bracket', takeProfit: { limitPrice: 94 }, stopLoss: { stopPrice: 95 } },
      { orderClass: 'bracket', takeProfit: { limitPrice: 110 }, stopLoss: { stopPrice: 100 } },
      { orderClass: 'bracket', timeInForce: 'ioc', takeProfit: { limitPrice: 110 }, stopLoss: { stopPrice: 95 } },
      { orderClass: 'oto', takeProfit: { limitPrice: 110 }, stopLoss: { stopPrice: 95 } },
      { orderClass: 'oco', side: 'sell', type: 'market', takeProfit: { limitPrice: 110 }, stopLoss: { stopPrice: 95 } },
      { takeProfit: { limitPrice: 110 } },
      { extendedHours: true },
      { type: 'stop', stopPrice: 105, timeInForce: 'opg' },
      { symbol: 'BTC/USD', timeInForce: 'gtc', type: 'trailing_stop', trailPercent: 1, qty: 0.01 },
      { symbol: 'BTC/USD', timeInForce: 'gtc', qty: 0.00001 },
      { symbol: 'PENNY', qty: 1.5 },
      { clientOrderId: 'x'.repeat(129) },
    ];
    for (const c of cases) {
      const outcome = await h.broker.submitOrder(request(c));
      expect(outcome, JSON.stringify(c)).toMatchObject({ status: 'rejected', httpStatus: 422, brokerCode: 42210000 });
    }
    expect(await h.broker.listOrders({ status: 'all' })).toEqual([]);
  });
});
