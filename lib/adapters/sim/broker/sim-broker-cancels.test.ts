import { describe, expect, it } from 'vitest';
import type { Order, SubmitOutcome } from '../../../domain/orders.ts';
import { minuteBars } from './fake-sim-feed.ts';
import { harness, ny, request } from './sim-broker-fixture.ts';

function accepted(outcome: SubmitOutcome): Order {
  if (outcome.status !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(outcome)}`);
  return outcome.order;
}

/** A long 10 AAPL from a bracket filled on the 10:00 bar: its take-profit (110) and stop (95) work from 10:01. */
async function bracketed(bars: readonly (number | readonly [number, number, number, number, number])[] = [100, 100, 100, 100, 100]) {
  const h = harness({ start: ny('10:00') });
  h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100]));
  h.feed.addBars('AAPL', minuteBars(ny('10:00'), bars));
  const entry = accepted(await h.broker.submitOrder(request({ qty: 10, orderClass: 'bracket', takeProfit: { limitPrice: 110 }, stopLoss: { stopPrice: 95 } })));
  h.clock.set(ny('10:01') + 30_000);
  const filled = (await h.broker.getOrder(entry.id))!;
  expect(filled.status).toBe('filled');
  return { h, entry: filled, stop: filled.legs.find((l) => l.type === 'stop')!, takeProfit: filled.legs.find((l) => l.type === 'limit')! };
}

describe('simulated broker: cancels are asynchronous, as at Alpaca', () => {
  it('a_canceled_order_is_pending_cancel_and_keeps_its_quantity_held_until_the_cancel_completes', async () => {
    const { h, stop, takeProfit } = await bracketed();
    await h.broker.cancelOrder(stop.id);
    expect((await h.broker.getOrder(stop.id))!.status).toBe('pending_cancel');
    // The other exit of the bracket goes with it, and both still hold the shares.
    expect((await h.broker.getOrder(takeProfit.id))!.status).toBe('pending_cancel');
    expect(await h.broker.getPositions()).toMatchObject([{ symbol: 'AAPL', qty: 10, qtyAvailable: 0 }]);
    const sell = await h.broker.submitOrder(request({ side: 'sell', qty: 10 }));
    expect(sell).toMatchObject({ status: 'rejected', reason: 'insufficient_qty', httpStatus: 403, brokerCode: 40310000, message: 'insufficient qty available for order (requested: 10, available: 0)' });
    await expect(h.broker.closePosition('AAPL')).rejects.toMatchObject({ message: expect.stringContaining('insufficient qty available') });
    // A second cancel of a pending one is refused by name, not done twice.
    await expect(h.broker.cancelOrder(stop.id)).rejects.toMatchObject({ message: 'order is already in "pending_cancel" state' });
    h.clock.advance(h.broker.config.cancelDelayMs);
    expect((await h.broker.getOrder(stop.id))!.status).toBe('canceled');
    expect(await h.broker.getPositions()).toMatchObject([{ qty: 10, qtyAvailable: 10 }]);
    expect(await h.broker.submitOrder(request({ side: 'sell', qty: 10 }))).toMatchObject({ status: 'accepted' });
  });

  it('a_leg_still_fills_during_its_pending_cancel_and_the_cancel_then_finds_it_filled', async () => {
    // The 10:01 bar trades through the stop: the cancel, asked for at 10:01:30, comes too late.
    const { h, stop } = await bracketed([100, [99, 99, 90, 91, 10_000], 91]);
    await h.broker.cancelOrder(stop.id);
    expect((await h.broker.getOrder(stop.id))!.status).toBe('pending_cancel');
    h.clock.set(ny('10:02') + 30_000);
    expect((await h.broker.getOrder(stop.id))!).toMatchObject({ status: 'filled', filledQty: 10 });
    expect(await h.broker.getPositions()).toEqual([]);
  });

  it('a_bracket_entry_cancel_takes_its_held_exits_along_when_it_completes', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100, 100, 100]));
    const entry = accepted(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 95, orderClass: 'bracket', takeProfit: { limitPrice: 110 }, stopLoss: { stopPrice: 90 } })));
    h.clock.set(ny('10:00') + 30_000);
    await h.broker.cancelOrder(entry.id);
    const pending = (await h.broker.getOrder(entry.id))!;
    expect([pending.status, ...pending.legs.map((l) => l.status)]).toEqual(['pending_cancel', 'held', 'held']);
    h.clock.advance(h.broker.config.cancelDelayMs);
    const done = (await h.broker.getOrder(entry.id))!;
    expect([done.status, ...done.legs.map((l) => l.status)]).toEqual(['canceled', 'canceled', 'canceled']);
  });

  it('cancels_complete_at_once_only_when_configured_so', async () => {
    const h = harness({ start: ny('10:00'), config: { cancelDelayMs: 0 } });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100]));
    const o = accepted(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 90 })));
    await h.broker.cancelOrder(o.id);
    expect((await h.broker.getOrder(o.id))!.status).toBe('canceled');
  });
});

describe("simulated broker: Alpaca's user protections", () => {
  it('refuses_a_limit_far_through_the_market_by_name', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100]));
    expect(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 111 }))).toMatchObject({ status: 'rejected', reason: 'price_away', httpStatus: 422, brokerCode: 42210000 });
    expect(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 109 }))).toMatchObject({ status: 'accepted' });
    // Far on the passive side is no risk: a take-profit well above the market is accepted.
    expect(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 50 }))).toMatchObject({ status: 'accepted' });
  });

  it('an_account_beyond_the_equity_order_ratio_may_only_close', async () => {
    const h = harness({ start: ny('10:00'), config: { marginMultiplier: 4, maxEquityRatio: 3 } });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100, 100, 100]));
    // An order worth more than 3 x equity ($300,000) is refused even within 4x buying power.
    expect(await h.broker.submitOrder(request({ qty: 3_100 }))).toMatchObject({ status: 'rejected', reason: 'equity_ratio', httpStatus: 403, brokerCode: 40310000 });
    // Beyond buying power, buying power is what Alpaca names.
    expect(await h.broker.submitOrder(request({ qty: 4_100 }))).toMatchObject({ status: 'rejected', reason: 'insufficient_buying_power' });
    expect(await h.broker.submitOrder(request({ qty: 2_900 }))).toMatchObject({ status: 'accepted' });
    h.clock.set(ny('10:01') + 30_000);
    // The price slips to 98: the position (284,200) now exceeds 3 x equity (94,200), so only closing orders pass,
    // while buying power (4 x (94,200 - 71,050)) would still allow the buy.
    h.feed.addBars('AAPL', minuteBars(ny('10:02'), [98, 98]));
    h.clock.set(ny('10:03') + 30_000);
    expect(await h.broker.submitOrder(request({ qty: 1 }))).toMatchObject({ status: 'rejected', reason: 'equity_ratio' });
    expect(await h.broker.submitOrder(request({ side: 'sell', qty: 2_900 }))).toMatchObject({ status: 'accepted' });
  });
});
