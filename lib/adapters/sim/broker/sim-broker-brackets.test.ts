import { describe, expect, it } from 'vitest';
import type { Order, SubmitOutcome } from '../../../domain/orders.ts';
import { minuteBars } from './fake-sim-feed.ts';
import { harness, ny, request } from './sim-broker-fixture.ts';

function accepted(outcome: SubmitOutcome): Order {
  if (outcome.status !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(outcome)}`);
  return outcome.order;
}

const leg = (o: Order, type: string) => o.legs.find((l) => l.type === type)!;

describe('simulated broker: bracket, oco and oto orders', () => {
  it('bracket_exits_are_held_until_the_entry_fills_completely_then_the_take_profit_cancels_the_stop_loss', async () => {
    const h = harness({ start: ny('10:00'), config: { maxParticipation: 0.5 } });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100]));
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [
      [100, 100.5, 99.5, 100, 100],
      [101, 106, 100.8, 104, 100],
      [104, 105.5, 103, 105, 100],
      [105.2, 105.4, 104, 104.5, 100],
    ]));
    const entry = accepted(
      await h.broker.submitOrder(request({ qty: 100, orderClass: 'bracket', timeInForce: 'gtc', takeProfit: { limitPrice: 105 }, stopLoss: { stopPrice: 95 } })),
    );
    expect(entry.legs.map((l) => [l.type, l.side, l.status])).toEqual([['limit', 'sell', 'held'], ['stop', 'sell', 'held']]);

    h.clock.set(ny('10:01'));
    let now = (await h.broker.getOrder(entry.id))!;
    expect(now).toMatchObject({ status: 'partially_filled', filledQty: 50 });
    expect(now.legs.every((l) => l.status === 'held')).toBe(true);

    h.clock.set(ny('10:02'));
    now = (await h.broker.getOrder(entry.id))!;
    // Filled on the 10:01 bar; its high of 106 is not offered to the take-profit, which starts with the next bar.
    expect(now).toMatchObject({ status: 'filled', filledQty: 100, filledAvgPrice: 100.5 });
    expect(leg(now, 'limit')).toMatchObject({ status: 'new', qty: 100, filledQty: 0 });

    h.clock.set(ny('10:03'));
    now = (await h.broker.getOrder(entry.id))!;
    expect(leg(now, 'limit')).toMatchObject({ status: 'partially_filled', filledQty: 50 });
    expect(leg(now, 'stop')).toMatchObject({ status: 'new', qty: 50 });

    h.clock.set(ny('10:04'));
    now = (await h.broker.getOrder(entry.id))!;
    expect(leg(now, 'limit')).toMatchObject({ status: 'filled', filledQty: 100, filledAvgPrice: 105.1 });
    expect(leg(now, 'stop')).toMatchObject({ status: 'canceled', canceledAt: ny('10:03') });
    expect(await h.broker.getPositions()).toEqual([]);
    expect((await h.broker.getLedger()).realizedPl).toBeCloseTo(50 * (105 - 100.5) + 50 * (105.2 - 100.5), 6);

    const { fills } = await h.broker.getFills({});
    expect(fills.map((f) => [f.kind, f.qty, f.cumQty, f.leavesQty])).toEqual([
      ['partial_fill', 50, 50, 50],
      ['fill', 50, 100, 0],
      ['partial_fill', 50, 50, 50],
      ['fill', 50, 100, 0],
    ]);
  });

  it('bracket_stop_loss_fills_on_a_drop_and_cancels_the_take_profit', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100]));
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [100, [99, 99, 94, 94.5, 1e4]]));
    const entry = accepted(await h.broker.submitOrder(request({ qty: 10, orderClass: 'bracket', takeProfit: { limitPrice: 110 }, stopLoss: { stopPrice: 95 } })));
    h.clock.set(ny('10:02'));
    const now = (await h.broker.getOrder(entry.id))!;
    expect(leg(now, 'stop')).toMatchObject({ status: 'filled', filledAvgPrice: 95 });
    expect(leg(now, 'limit').status).toBe('canceled');
    expect((await h.broker.getLedger()).realizedPl).toBeCloseTo(-50, 6);
  });

  it('oco_exits_a_position_and_one_side_cancels_the_other', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [100, 100, [99, 99.5, 94, 94.5, 1e4]]));
    await h.broker.submitOrder(request({ qty: 10 }));
    h.clock.set(ny('10:01'));
    const oco = accepted(
      await h.broker.submitOrder(request({ side: 'sell', type: 'limit', qty: 10, orderClass: 'oco', takeProfit: { limitPrice: 110 }, stopLoss: { stopPrice: 95, limitPrice: 94 } })),
    );
    expect(oco).toMatchObject({ orderClass: 'oco', type: 'limit', limitPrice: 110, status: 'new' });
    expect(oco.legs).toMatchObject([{ type: 'stop_limit', stopPrice: 95, limitPrice: 94, status: 'new' }]);
    h.clock.set(ny('10:03'));
    const now = (await h.broker.getOrder(oco.id))!;
    expect(now.status).toBe('canceled');
    expect(now.legs[0]).toMatchObject({ status: 'filled', filledAvgPrice: 95 });
    expect(await h.broker.getPositions()).toEqual([]);
  });

  it('oco_is_exit_only_and_is_refused_without_a_position', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100]));
    const outcome = await h.broker.submitOrder(request({ side: 'sell', type: 'limit', orderClass: 'oco', takeProfit: { limitPrice: 110 }, stopLoss: { stopPrice: 95 } }));
    expect(outcome).toMatchObject({ status: 'rejected', httpStatus: 403, reason: 'insufficient_qty' });
  });

  it('oto_arms_its_single_exit_after_the_entry_fills', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [[100, 100, 98.9, 99, 1e4], [99, 99.5, 98.5, 99, 1e4]]));
    const entry = accepted(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 99, orderClass: 'oto', stopLoss: { stopPrice: 97 } })));
    expect(entry.legs).toMatchObject([{ type: 'stop', side: 'sell', status: 'held' }]);
    h.clock.set(ny('10:01'));
    expect((await h.broker.getOrder(entry.id))!.legs[0]).toMatchObject({ status: 'new', qty: 10 });
  });

  it('canceling_a_bracket_entry_cancels_its_held_exits_and_a_partly_filled_one_arms_them_for_what_filled', async () => {
    const h = harness({ start: ny('10:00'), config: { maxParticipation: 0.5 } });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100]));
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [[100, 100, 100, 100, 20]]));
    const bracket = { orderClass: 'bracket', timeInForce: 'gtc', takeProfit: { limitPrice: 110 }, stopLoss: { stopPrice: 90 } } as const;
    const untouched = accepted(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 95, ...bracket })));
    const partial = accepted(await h.broker.submitOrder(request({ qty: 30, ...bracket })));
    h.clock.set(ny('10:01'));
    await h.broker.cancelOrder(untouched.id);
    await h.broker.cancelOrder(partial.id);
    // Alpaca cancels asynchronously: pending_cancel until the cancel completes, the exits still held.
    const pending = (await h.broker.getOrder(partial.id))!;
    expect([pending.status, ...pending.legs.map((l) => l.status)]).toEqual(['pending_cancel', 'held', 'held']);
    h.wait(1);
    const a = (await h.broker.getOrder(untouched.id))!;
    expect([a.status, ...a.legs.map((l) => l.status)]).toEqual(['canceled', 'canceled', 'canceled']);
    const b = (await h.broker.getOrder(partial.id))!;
    expect(b).toMatchObject({ status: 'canceled', filledQty: 10 });
    expect(b.legs.map((l) => [l.status, l.qty])).toEqual([['new', 10], ['new', 10]]);
  });
});
