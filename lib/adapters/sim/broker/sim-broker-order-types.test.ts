import { describe, expect, it } from 'vitest';
import type { Order, SubmitOutcome } from '../../../domain/orders.ts';
import { minuteBars } from './fake-sim-feed.ts';
import { harness, ny, request } from './sim-broker-fixture.ts';

function accepted(outcome: SubmitOutcome): Order {
  if (outcome.status !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(outcome)}`);
  return outcome.order;
}

describe('simulated broker: order types and time in force', () => {
  it('fills_a_market_order_at_the_open_of_the_next_bar_never_the_bar_in_progress', async () => {
    const h = harness({ start: ny('10:00') + 30_000 });
    // The 10:00 bar is in progress when the order arrives: its low of 90 must not be reachable.
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [[100, 101, 90, 100, 10_000], [102, 103, 101, 102, 10_000]]));
    const order = accepted(await h.broker.submitOrder(request({ qty: 5 })));
    expect(order.status).toBe('new');
    h.clock.set(ny('10:01') + 59_000);
    expect((await h.broker.getOrder(order.id))!.status).toBe('new');
    h.clock.set(ny('10:02'));
    const filled = (await h.broker.getOrder(order.id))!;
    expect(filled).toMatchObject({ status: 'filled', filledQty: 5, filledAvgPrice: 102, filledAt: ny('10:01') });
  });

  it('fills_a_buy_limit_at_the_limit_when_a_bar_trades_down_to_it_and_at_the_open_when_it_gaps_below', async () => {
    const h = harness({ start: ny('09:59') + 1 });
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [[100, 100.5, 99.6, 100, 1e4], [99.8, 99.9, 99.4, 99.5, 1e4], [98, 98.5, 97.9, 98, 1e4]]));
    const atLimit = accepted(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 99.5 })));
    h.clock.set(ny('10:02'));
    expect((await h.broker.getOrder(atLimit.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 99.5, filledAt: ny('10:01') });
    const gapped = accepted(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 99 })));
    h.clock.set(ny('10:03'));
    expect((await h.broker.getOrder(gapped.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 98 });
  });

  it('triggers_a_sell_stop_at_the_stop_and_fills_a_gap_through_it_at_the_open', async () => {
    const h = harness({ start: ny('09:59') });
    h.feed.addBars('AAPL', minuteBars(ny('09:58'), [100]));
    await h.broker.submitOrder(request({ qty: 20 }));
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [[100, 100, 100, 100, 1e4], [100, 100.2, 99.5, 99.6, 1e4], [97, 97, 96, 96.5, 1e4]]));
    h.clock.set(ny('10:00'));
    const stop = accepted(await h.broker.submitOrder(request({ side: 'sell', type: 'stop', stopPrice: 99.7, qty: 10 })));
    const gap = accepted(await h.broker.submitOrder(request({ side: 'sell', type: 'stop', stopPrice: 98, qty: 10 })));
    h.clock.set(ny('10:02'));
    expect((await h.broker.getOrder(stop.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 99.7, filledAt: ny('10:00') });
    expect((await h.broker.getOrder(gap.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 97, filledAt: ny('10:01') });
  });

  it('works_a_buy_stop_as_a_stop_limit_with_alpacas_protective_limit', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [[20, 20.1, 19.9, 20, 1e4], [21, 21.2, 20.9, 21, 1e4], [20.7, 20.9, 20.6, 20.8, 1e4]]));
    // Stop 20.30: protective limit 20.30 × 1.04 = 21.11 (under $50); the 10:01 bar gaps to 21, inside it.
    const inside = accepted(await h.broker.submitOrder(request({ type: 'stop', stopPrice: 20.3 })));
    // Stop 20.15: protective limit 20.96; the gap to 21 is beyond it, so it rests as a limit and fills at the next open.
    const beyond = accepted(await h.broker.submitOrder(request({ type: 'stop', stopPrice: 20.15, qty: 5 })));
    h.clock.set(ny('10:02'));
    expect((await h.broker.getOrder(inside.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 21, filledAt: ny('10:01') });
    expect((await h.broker.getOrder(beyond.id))!.status).toBe('new');
    h.clock.set(ny('10:03'));
    expect((await h.broker.getOrder(beyond.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 20.7, filledAt: ny('10:02') });
  });

  it('does_not_fill_a_stop_limit_in_the_trigger_bar_when_the_trigger_price_is_beyond_the_limit', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [[100, 100, 100, 100, 1e4], [100.5, 101, 100, 100.5, 1e4], [99.8, 99.9, 99.3, 99.6, 1e4]]));
    const o = accepted(await h.broker.submitOrder(request({ type: 'stop_limit', stopPrice: 99, limitPrice: 99.5, qty: 1 })));
    h.clock.set(ny('10:02'));
    expect((await h.broker.getOrder(o.id))!.status).toBe('new');
    h.clock.set(ny('10:03'));
    expect((await h.broker.getOrder(o.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 99.5, filledAt: ny('10:02') });
  });

  it('trails_a_sell_trailing_stop_with_the_high_water_mark_and_fills_on_the_pullback', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100]));
    await h.broker.submitOrder(request({ qty: 10 }));
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [[100, 101, 99.5, 101, 1e4], [101, 104, 101, 103.5, 1e4], [103.5, 103.6, 101.5, 102, 1e4]]));
    h.clock.set(ny('10:01'));
    const byPrice = accepted(await h.broker.submitOrder(request({ side: 'sell', type: 'trailing_stop', trailPrice: 2, qty: 5, timeInForce: 'gtc' })));
    const byPercent = accepted(await h.broker.submitOrder(request({ side: 'sell', type: 'trailing_stop', trailPercent: 1, qty: 5, timeInForce: 'gtc' })));
    expect(byPrice).toMatchObject({ hwm: 101, stopPrice: 99 });
    h.clock.set(ny('10:02'));
    const moved = (await h.broker.getOrder(byPrice.id))!;
    expect(moved).toMatchObject({ status: 'new', hwm: 104, stopPrice: 102 });
    h.clock.set(ny('10:03'));
    expect((await h.broker.getOrder(byPrice.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 102, hwm: 104 });
    // 1 % under 104 is 102.96: the 10:02 bar opens at 103.5 and trades down through it.
    expect((await h.broker.getOrder(byPercent.id))!.filledAvgPrice).toBeCloseTo(102.96, 6);
  });

  it('ioc_fills_what_the_first_bar_allows_and_cancels_the_rest_while_fok_fills_all_or_nothing', async () => {
    const h = harness({ start: ny('10:00'), config: { maxParticipation: 0.1 } });
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [[50, 50, 50, 50, 1000], [50, 50, 50, 50, 100_000]]));
    const ioc = accepted(await h.broker.submitOrder(request({ timeInForce: 'ioc', qty: 150 })));
    const fok = accepted(await h.broker.submitOrder(request({ timeInForce: 'fok', qty: 150 })));
    h.clock.set(ny('10:05'));
    expect((await h.broker.getOrder(ioc.id))!).toMatchObject({ status: 'canceled', filledQty: 100, canceledAt: ny('10:00') });
    expect((await h.broker.getOrder(fok.id))!).toMatchObject({ status: 'canceled', filledQty: 0 });
  });

  it('expires_a_day_order_at_the_close_and_keeps_a_gtc_order_working_into_the_next_day', async () => {
    const h = harness({ start: ny('15:00') });
    h.feed.addBars('AAPL', minuteBars(ny('15:00'), [100, 100]));
    const day = accepted(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 90 })));
    const gtc = accepted(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 90, timeInForce: 'gtc' })));
    h.feed.addBars('AAPL', minuteBars(ny('09:30', '2026-03-11'), [[95, 95, 89, 90, 1e4]]));
    h.clock.set(ny('16:00'));
    expect((await h.broker.getOrder(day.id))!).toMatchObject({ status: 'expired', expiredAt: ny('16:00') });
    h.clock.set(ny('09:31', '2026-03-11'));
    expect((await h.broker.getOrder(gtc.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 90 });
  });

  it('buys_a_notional_amount_as_fractional_shares', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [[80, 80, 80, 80, 1e4]]));
    const o = accepted(await h.broker.submitOrder(request({ qty: undefined, notional: 1000 })));
    expect(o.qty).toBeNull();
    h.clock.set(ny('10:01'));
    const filled = (await h.broker.getOrder(o.id))!;
    expect(filled).toMatchObject({ status: 'filled', notional: 1000, filledQty: 12.5 });
    expect((await h.broker.getPositions())[0]).toMatchObject({ symbol: 'AAPL', qty: 12.5, avgEntryPrice: 80 });
  });
});
