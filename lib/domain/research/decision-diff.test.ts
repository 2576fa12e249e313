import { describe, expect, it } from 'vitest';
import { diffDecisions, type ComparableDecision } from './decision-diff.ts';

type Order = ComparableDecision & Record<string, unknown>;
const order = (id: string, at: number, extra: Record<string, unknown> = {}): Order => ({ clientOrderId: id, symbol: 'AAA', submittedAt: at, side: 'buy', qty: 10, ...extra });

describe('diffDecisions', () => {
  it('finds_nothing_when_both_runs_decided_alike', () => {
    expect(diffDecisions([order('a', 1), order('b', 2)], [order('b', 2), order('a', 1)])).toEqual([]);
  });

  it('names_orders_only_one_run_placed_and_fields_that_changed_in_time_order', () => {
    const diffs = diffDecisions([order('a', 5), order('b', 2, { qty: 10 })], [order('b', 2, { qty: 7 }), order('c', 1)]);
    expect(diffs).toEqual([
      { clientOrderId: 'c', symbol: 'AAA', at: 1, kind: 'only-in-truncated', fields: {} },
      { clientOrderId: 'b', symbol: 'AAA', at: 2, kind: 'changed', fields: { qty: [10, 7] } },
      { clientOrderId: 'a', symbol: 'AAA', at: 5, kind: 'only-in-full', fields: {} },
    ]);
  });
});
