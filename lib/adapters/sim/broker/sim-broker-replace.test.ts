import { describe, expect, it } from 'vitest';
import type { Order, SubmitOutcome } from '../../../domain/orders.ts';
import { isAppError } from '../../../shared/errors.ts';
import { minuteBars } from './fake-sim-feed.ts';
import { harness, ny, request } from './sim-broker-fixture.ts';

function accepted(outcome: SubmitOutcome): Order {
  if (outcome.status !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(outcome)}`);
  return outcome.order;
}

async function failure(p: Promise<unknown>): Promise<{ status: number; code: unknown; message: string }> {
  try {
    await p;
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { status: e.status, code: (e.details as { alpacaCode?: unknown }).alpacaCode, message: e.message };
  }
  throw new Error('expected a failure');
}

describe('simulated broker: replace, cancel and close', () => {
  it('replace_creates_a_new_order_with_a_new_id_and_marks_the_old_one_replaced', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [[100, 100, 99, 99.5, 1e4], [99, 99, 97, 98, 1e4]]));
    const old = accepted(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 95, clientOrderId: 'entry-1' })));
    const next = await h.broker.replaceOrder(old.id, { limitPrice: 97.5, qty: 12 });
    expect(next).toMatchObject({ replaces: old.id, limitPrice: 97.5, qty: 12, status: 'new' });
    expect(next.id).not.toBe(old.id);
    expect(next.clientOrderId).not.toBe('entry-1');
    expect((await h.broker.getOrder(old.id))!).toMatchObject({ status: 'replaced', replacedBy: next.id });
    h.clock.set(ny('10:02'));
    expect((await h.broker.getOrder(next.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 97.5, filledQty: 12 });
    expect(await h.broker.submitOrder(request({ clientOrderId: 'entry-1' }))).toMatchObject({ status: 'duplicate' });
  });

  it('refuses_to_replace_an_order_waiting_for_the_open_and_to_cancel_a_filled_one', async () => {
    const h = harness({ start: ny('18:00') });
    const queued = accepted(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 90 })));
    expect(await failure(h.broker.replaceOrder(queued.id, { limitPrice: 91 }))).toEqual({
      status: 422,
      code: 42210000,
      message: "unable to replace order, order isn't sent to exchange yet",
    });
    h.feed.addBars('AAPL', minuteBars(ny('09:30', '2026-03-11'), [[89, 89, 89, 89, 1e4]]));
    h.clock.set(ny('09:31', '2026-03-11'));
    expect(await failure(h.broker.cancelOrder(queued.id))).toEqual({ status: 422, code: 42210000, message: 'order is already in "filled" state' });
    expect(await failure(h.broker.cancelOrder('00000000-0000-4000-8000-000000000000'))).toMatchObject({ status: 404, code: 40410000 });
  });

  it('patching_a_trailing_stops_trail_keeps_its_high_water_mark', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [100, [100, 106, 100, 105, 1e4], [105, 105, 103.2, 103.5, 1e4]]));
    await h.broker.submitOrder(request({ qty: 10 }));
    h.clock.set(ny('10:01'));
    const trailing = accepted(await h.broker.submitOrder(request({ side: 'sell', type: 'trailing_stop', trailPrice: 5, timeInForce: 'gtc' })));
    h.clock.set(ny('10:02'));
    const next = await h.broker.replaceOrder(trailing.id, { trail: 2.5 });
    expect(next).toMatchObject({ hwm: 106, trailPrice: 2.5, stopPrice: 103.5, replaces: trailing.id });
    h.clock.set(ny('10:03'));
    expect((await h.broker.getOrder(next.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 103.5 });
  });

  it('replacing_a_bracket_stop_loss_keeps_it_in_the_bracket', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100, 100, 101, [101, 101, 97.5, 98, 1e4]]));
    const entry = accepted(await h.broker.submitOrder(request({ orderClass: 'bracket', takeProfit: { limitPrice: 110 }, stopLoss: { stopPrice: 95 } })));
    h.clock.set(ny('10:02'));
    const stop = (await h.broker.getOrder(entry.id))!.legs.find((l) => l.type === 'stop')!;
    const moved = await h.broker.replaceOrder(stop.id, { stopPrice: 98.5 });
    expect(moved).toMatchObject({ orderClass: 'bracket', stopPrice: 98.5, replaces: stop.id });
    h.clock.set(ny('10:03'));
    const now = (await h.broker.getOrder(entry.id))!;
    expect(now.legs.map((l) => [l.type, l.status, l.filledAvgPrice])).toEqual([
      ['limit', 'canceled', null],
      ['stop', 'filled', 98.5],
    ]);
  });

  it('closes_a_position_with_a_market_order_for_all_or_a_percentage_of_it', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [100, 102, 103]));
    await h.broker.submitOrder(request({ qty: 10 }));
    h.clock.set(ny('10:01'));
    const part = await h.broker.closePosition('AAPL', { percentage: 25 });
    expect(part).toMatchObject({ side: 'sell', type: 'market', qty: 2.5, status: 'new' });
    h.clock.set(ny('10:02'));
    const rest = await h.broker.closePosition('AAPL');
    expect(rest).toMatchObject({ side: 'sell', qty: 7.5 });
    h.clock.set(ny('10:03'));
    expect(await h.broker.getPositions()).toEqual([]);
    expect(await failure(h.broker.closePosition('AAPL'))).toMatchObject({ status: 404, message: 'position not found: AAPL' });
  });

  it('delete_all_style_cancel_leaves_no_open_orders_and_lists_by_status', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100]));
    const a = accepted(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 90 })));
    h.wait(1);
    const b = accepted(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 91 })));
    expect((await h.broker.listOrders({ status: 'open', direction: 'asc' })).map((o) => o.id)).toEqual([a.id, b.id]);
    expect((await h.broker.listOrders({ status: 'open' })).map((o) => o.id)).toEqual([b.id, a.id]);
    for (const o of await h.broker.listOrders({ status: 'open' })) await h.broker.cancelOrder(o.id);
    // Still open until the cancels complete, as at Alpaca.
    expect((await h.broker.listOrders({ status: 'open' })).map((o) => o.status)).toEqual(['pending_cancel', 'pending_cancel']);
    h.wait(1);
    expect(await h.broker.listOrders({ status: 'open' })).toEqual([]);
    expect((await h.broker.listOrders({ status: 'closed', until: b.createdAt })).map((o) => o.id)).toEqual([a.id]);
  });
});
