import { describe, expect, it } from 'vitest';
import type { Order, SubmitOutcome } from '../../../domain/orders.ts';
import { minuteBars } from './fake-sim-feed.ts';
import { harness, ny, request } from './sim-broker-fixture.ts';

function accepted(outcome: SubmitOutcome): Order {
  if (outcome.status !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(outcome)}`);
  return outcome.order;
}

const NEXT = '2026-03-11';

describe('simulated broker: sessions', () => {
  it('day_order_submitted_after_the_close_waits_accepted_for_the_next_open', async () => {
    const h = harness({ start: ny('17:00') });
    // After-hours and pre-market bars exist, but a regular day order may only meet the opening bar.
    h.feed.addBars('AAPL', minuteBars(ny('17:00'), [[100, 100, 80, 100, 1e4]]));
    h.feed.addBars('AAPL', minuteBars(ny('08:00', NEXT), [[90, 90, 85, 90, 1e4]]));
    h.feed.addBars('AAPL', minuteBars(ny('09:30', NEXT), [[101, 102, 100.5, 101.5, 1e4]]));
    const o = accepted(await h.broker.submitOrder(request({ qty: 3 })));
    expect(o.status).toBe('accepted');
    h.clock.set(ny('09:00', NEXT));
    expect((await h.broker.getOrder(o.id))!.status).toBe('accepted');
    h.clock.set(ny('09:30', NEXT) + 1);
    expect((await h.broker.getOrder(o.id))!.status).toBe('new');
    h.clock.set(ny('09:31', NEXT));
    expect((await h.broker.getOrder(o.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 101, filledAt: ny('09:30', NEXT) });
  });

  it('extended_hours_limit_order_fills_in_the_pre_market', async () => {
    const h = harness({ start: ny('07:00') });
    h.feed.addBars('AAPL', minuteBars(ny('07:05'), [[100, 100, 99, 99.5, 1e4]]));
    const o = accepted(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 99.2, extendedHours: true })));
    expect(o.status).toBe('new');
    h.clock.set(ny('07:06'));
    expect((await h.broker.getOrder(o.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 99.2 });
  });

  it('opg_order_fills_at_the_opening_bar_and_is_refused_after_9_28', async () => {
    const h = harness({ start: ny('08:00') });
    h.feed.addBars('AAPL', minuteBars(ny('09:29'), [[99, 99, 99, 99, 1e4], [100, 103, 98, 102, 1e4], [102, 102, 90, 91, 1e4]]));
    const o = accepted(await h.broker.submitOrder(request({ timeInForce: 'opg', qty: 2 })));
    const limited = accepted(await h.broker.submitOrder(request({ timeInForce: 'opg', type: 'limit', limitPrice: 99.5, qty: 2 })));
    h.clock.set(ny('09:33'));
    expect((await h.broker.getOrder(o.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 100, filledAt: ny('09:30') });
    // The auction price of 100 is above the 99.5 limit: the order does not carry on into the session.
    expect((await h.broker.getOrder(limited.id))!).toMatchObject({ status: 'expired', filledQty: 0 });
    const late = await h.broker.submitOrder(request({ timeInForce: 'opg' }));
    expect(late).toMatchObject({ status: 'rejected', httpStatus: 422, brokerCode: 42210000 });
  });

  it('cls_order_fills_at_the_closing_bar_and_is_refused_after_3_50', async () => {
    const h = harness({ start: ny('15:00') });
    h.feed.addBars('AAPL', minuteBars(ny('15:58'), [[100, 100, 100, 100, 1e4], [100, 101, 99, 100.4, 1e4]]));
    const o = accepted(await h.broker.submitOrder(request({ timeInForce: 'cls', qty: 4 })));
    h.clock.set(ny('16:00'));
    expect((await h.broker.getOrder(o.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 100.4, filledAt: ny('15:59') });
    h.clock.set(ny('15:55', NEXT));
    expect(await h.broker.submitOrder(request({ timeInForce: 'cls' }))).toMatchObject({ status: 'rejected', httpStatus: 422 });
  });

  it('crypto_trades_on_a_weekend_around_the_clock', async () => {
    const saturday = '2026-03-14';
    const h = harness({ start: ny('03:00', saturday) });
    h.feed.addBars('BTC/USD', minuteBars(ny('03:00', saturday), [[60_000, 60_100, 59_900, 60_050, 5]]));
    const o = accepted(await h.broker.submitOrder(request({ symbol: 'BTC/USD', timeInForce: 'gtc', qty: 0.01 })));
    expect(o).toMatchObject({ status: 'new', assetClass: 'crypto' });
    h.clock.set(ny('03:01', saturday));
    expect((await h.broker.getOrder(o.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 60_000, filledQty: 0.01 });
    expect((await h.broker.getPositions())[0]).toMatchObject({ symbol: 'BTC/USD', qty: 0.01, side: 'long' });
  });

  it('crypto_accepts_only_gtc_and_ioc_and_an_equity_waits_out_the_weekend', async () => {
    const h = harness({ start: ny('12:00', '2026-03-14') });
    expect(await h.broker.submitOrder(request({ symbol: 'BTC/USD', timeInForce: 'day', qty: 0.01 }))).toMatchObject({ status: 'rejected', httpStatus: 422 });
    expect(await h.broker.submitOrder(request({ symbol: 'BTCUSD', timeInForce: 'ioc', qty: 0.01 }))).toMatchObject({ status: 'accepted', order: { symbol: 'BTC/USD' } });
    expect(await h.broker.submitOrder(request({ qty: 1 }))).toMatchObject({ status: 'accepted', order: { status: 'accepted' } });
  });
});
