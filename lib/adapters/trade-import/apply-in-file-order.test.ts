import { describe, expect, it } from 'vitest';
import type { Fill } from '../../domain/orders.ts';
import { applyInFileOrder } from './apply-in-file-order.ts';

const T = Date.UTC(2024, 2, 1, 14, 45);
const fill = (id: string, side: 'buy' | 'sell', qty: number, price: number, at = T): Fill => ({ id, orderId: id, symbol: 'AAPL', side, qty, price, at, cumQty: qty, leavesQty: 0, kind: 'fill' });
const ctx = () => ({ intentId: null, exitReason: null, riskPerUnitUsd: null });

describe('applyInFileOrder', () => {
  it('an_exit_and_the_next_entry_at_the_same_instant_stay_two_trades_whatever_their_ids', () => {
    // 'z…' sorts after 'a…': by id alone the re-entry would come first and the two trades would merge.
    const trips = applyInFileOrder([], [fill('b1', 'buy', 10, 100, T - 60_000), fill('z-exit', 'sell', 10, 105), fill('a-entry', 'buy', 3, 104)], ctx);
    expect(trips.map((t) => [t.side, t.maxQty, t.entryPrice, t.exitPrice, t.openQty])).toEqual([
      ['long', 10, 100, 105, 0],
      ['long', 3, 104, null, 3],
    ]);
  });

  it('carries_a_trip_left_open_by_one_batch_into_the_next', () => {
    const [open] = applyInFileOrder([], [fill('e', 'buy', 5, 50, T - 1)], ctx);
    const trips = applyInFileOrder([open!], [fill('x', 'sell', 5, 55)], ctx);
    expect(trips.map((t) => [t.entryPrice, t.exitPrice, t.realizedPnlUsd])).toEqual([[50, 55, 25]]);
  });
});
