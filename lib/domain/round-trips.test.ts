import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyFills, rMultiple, type FillContext } from './round-trips.ts';
import type { Fill } from './orders.ts';

let n = 0;
const fill = (side: 'buy' | 'sell', qty: number, price: number, at: number, symbol = 'ACME'): Fill => ({
  id: `f${++n}`, orderId: `o${n}`, symbol, side, qty, price, at, cumQty: qty, leavesQty: 0, kind: 'fill',
});
const entry: FillContext = { intentId: 1, exitReason: null, riskPerUnitUsd: 0.5 };
const ctx = (map: Record<string, FillContext>) => (f: Fill) => map[f.id] ?? { intentId: null, exitReason: null, riskPerUnitUsd: null };

describe('applyFills', () => {
  it('builds_a_long_round_trip_from_partial_entries_and_exits_with_pnl_and_r', () => {
    const e1 = fill('buy', 60, 10, 1);
    const e2 = fill('buy', 40, 10.5, 2);
    const x1 = fill('sell', 50, 11, 3);
    const x2 = fill('sell', 50, 11.2, 4);
    const trips = applyFills([], [e1, e2, x1, x2], ctx({ [e1.id]: entry, [e2.id]: entry, [x1.id]: { intentId: 7, exitReason: 'take_profit', riskPerUnitUsd: null }, [x2.id]: { intentId: 7, exitReason: 'take_profit', riskPerUnitUsd: null } }));
    expect(trips).toHaveLength(1);
    const t = trips[0]!;
    expect(t).toMatchObject({ side: 'long', entryQty: 100, openQty: 0, exitQty: 100, exitAt: 4, exitReason: 'take_profit', entryIntentId: 1, exitIntentId: 7 });
    expect(t.entryPrice).toBeCloseTo(10.2);
    expect(t.exitPrice).toBeCloseTo(11.1);
    expect(t.realizedPnlUsd).toBeCloseTo(90);
    expect(rMultiple(t)).toBeCloseTo(1.8);
  });

  it('flags_a_trip_opened_by_a_fill_of_no_intent_as_adopted_and_ours_as_not', () => {
    const ours = fill('buy', 10, 5, 1);
    const theirs = fill('buy', 10, 7, 1, 'OTHER');
    const trips = applyFills([], [ours, theirs], ctx({ [ours.id]: entry, [theirs.id]: { intentId: null, exitReason: 'external', riskPerUnitUsd: null } }));
    expect(trips.map((t) => [t.symbol, t.entryIntentId, t.adopted ?? false])).toEqual([
      ['ACME', 1, false],
      ['OTHER', null, true],
    ]);
  });

  it('keeps_a_trip_open_after_a_partial_exit_and_closes_it_later', () => {
    const e = fill('buy', 100, 20, 1);
    const [open] = applyFills([], [e, fill('sell', 30, 21, 2)], ctx({ [e.id]: entry }));
    expect(open).toMatchObject({ openQty: 70, exitAt: null, exitQty: 30 });
    const [closed] = applyFills([open!], [fill('sell', 70, 19, 3)], ctx({}));
    expect(closed).toMatchObject({ openQty: 0, exitAt: 3, exitReason: 'unknown' });
    expect(closed!.realizedPnlUsd).toBeCloseTo(30 - 70);
  });

  it('closes_and_reverses_when_a_fill_crosses_zero', () => {
    const trips = applyFills([], [fill('buy', 10, 5, 1), fill('sell', 25, 6, 2)], ctx({}));
    expect(trips.map((t) => [t.side, t.openQty, t.exitAt])).toEqual([
      ['long', 0, 2],
      ['short', 15, null],
    ]);
    expect(trips[0]!.realizedPnlUsd).toBeCloseTo(10);
  });

  it('conserves_quantity_for_any_fill_sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ buy: fc.boolean(), qty: fc.integer({ min: 1, max: 100 }), price: fc.integer({ min: 1, max: 50 }) }), { maxLength: 30 }), (steps) => {
        const fills = steps.map((s, i) => fill(s.buy ? 'buy' : 'sell', s.qty, s.price, i));
        const net = fills.reduce((q, f) => q + (f.side === 'buy' ? f.qty : -f.qty), 0);
        const trips = applyFills([], fills, ctx({}));
        const open = trips.filter((t) => t.openQty > 0);
        expect(open.length).toBeLessThanOrEqual(1);
        const openSigned = open.reduce((q, t) => q + (t.side === 'long' ? t.openQty : -t.openQty), 0);
        expect(openSigned).toBeCloseTo(net);
        for (const t of trips) expect(t.entryQty - t.exitQty).toBeCloseTo(t.openQty);
      }),
      { numRuns: 300 },
    );
  });
});
