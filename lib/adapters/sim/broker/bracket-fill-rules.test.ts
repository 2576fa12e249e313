import { describe, expect, it } from 'vitest';
import type { Order, SubmitOutcome } from '../../../domain/orders.ts';
import { minuteBars } from './fake-sim-feed.ts';
import { harness, ny, request } from './sim-broker-fixture.ts';

function accepted(outcome: SubmitOutcome): Order {
  if (outcome.status !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(outcome)}`);
  return outcome.order;
}

const leg = (o: Order, type: string) => o.legs.find((l) => l.type === type)!;
const bracket = () => request({ qty: 10, orderClass: 'bracket', timeInForce: 'gtc', takeProfit: { limitPrice: 105 }, stopLoss: { stopPrice: 95 } });

describe('simulated broker: conservative bracket fills on minute bars', () => {
  it('one_bar_reaching_both_the_stop_and_the_target_books_the_stop', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100, [100, 100.5, 99.5, 100, 1e4], [100, 106, 94, 100, 1e4]]));
    const entry = accepted(await h.broker.submitOrder(bracket()));
    h.clock.set(ny('10:02'));
    const now = (await h.broker.getOrder(entry.id))!;
    expect(now).toMatchObject({ status: 'filled', filledAvgPrice: 100 });
    // The 10:01 bar spans 94..106: which level came first is unknown, so the loss is booked.
    expect(leg(now, 'stop')).toMatchObject({ status: 'filled', filledAvgPrice: 95, filledAt: ny('10:01') });
    expect(leg(now, 'limit')).toMatchObject({ status: 'canceled' });
    expect((await h.broker.getLedger()).realizedPl).toBeCloseTo(10 * (95 - 100), 6);
  });

  it('the_stop_is_live_for_the_rest_of_the_bar_the_entry_filled_in', async () => {
    const h = harness({ start: ny('10:00') });
    // The entry fills at the 10:00 open (100); the same bar later trades down to 94, then the price recovers.
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100, [100, 100.5, 94, 99, 1e4], [99, 101, 98.5, 100, 1e4]]));
    const entry = accepted(await h.broker.submitOrder(bracket()));
    h.clock.set(ny('10:02'));
    const now = (await h.broker.getOrder(entry.id))!;
    expect(now).toMatchObject({ status: 'filled', filledAt: ny('10:00') });
    expect(leg(now, 'stop')).toMatchObject({ status: 'filled', filledAvgPrice: 95, filledAt: ny('10:00') });
    expect(await h.broker.getPositions()).toEqual([]);
  });

  it('the_target_is_not_offered_the_entry_bar_and_needs_a_trade_through', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100, [100, 106, 99.5, 104, 1e4], [104, 105, 103, 104, 1e4], [104, 105.2, 103.5, 105, 1e4]]));
    const entry = accepted(await h.broker.submitOrder(bracket()));
    h.clock.set(ny('10:02'));
    // 10:00: the high of 106 may have come before the fill; 10:01: a touch of 105 is not a trade through it.
    expect(leg((await h.broker.getOrder(entry.id))!, 'limit').status).toBe('new');
    h.clock.set(ny('10:03'));
    expect(leg((await h.broker.getOrder(entry.id))!, 'limit')).toMatchObject({ status: 'filled', filledAvgPrice: 105, filledAt: ny('10:02') });
  });

  it('a_stop_gapped_through_fills_at_the_open_not_at_the_stop', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100, [100, 100.5, 99.5, 100, 1e4], [92, 93, 91, 92.5, 1e4]]));
    const entry = accepted(await h.broker.submitOrder(bracket()));
    h.clock.set(ny('10:02'));
    expect(leg((await h.broker.getOrder(entry.id))!, 'stop')).toMatchObject({ status: 'filled', filledAvgPrice: 92, filledAt: ny('10:01') });
  });
});
