import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bookExecution } from './ledger.ts';
import { newAccountState } from './new-account.ts';
import { resolveSimBrokerConfig } from './sim-broker-config.ts';
import { valueAccount } from './buying-power.ts';

describe('ledger', () => {
  it('equity_always_equals_cash_in_plus_realized_plus_unrealized_minus_fees_whatever_the_executions', () => {
    const execution = fc.record({
      side: fc.constantFrom('buy' as const, 'sell' as const),
      qty: fc.integer({ min: 1, max: 500 }),
      price: fc.integer({ min: 100, max: 50_000 }).map((c) => c / 100),
      fee: fc.integer({ min: 0, max: 500 }).map((c) => c / 100),
    });
    fc.assert(
      fc.property(fc.array(execution, { minLength: 1, maxLength: 40 }), (executions) => {
        const state = newAccountState(resolveSimBrokerConfig({ initialCash: 1_000_000 }), 0);
        executions.forEach((e, i) => bookExecution(state, { symbol: 'X', assetClass: 'us_equity', at: i, ...e }));
        const p = state.positions.X;
        const unrealized = p ? p.qty * (p.lastPrice - p.avgEntryPrice) : 0;
        expect(valueAccount(state).equity).toBeCloseTo(1_000_000 + state.realizedPl + unrealized - state.feesPaid, 4);
        if (p) expect(p.qty).not.toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps_the_average_entry_price_of_what_is_open_and_resets_it_when_the_position_flips', () => {
    const state = newAccountState(resolveSimBrokerConfig(), 0);
    const book = (side: 'buy' | 'sell', qty: number, price: number) => bookExecution(state, { symbol: 'X', assetClass: 'us_equity', side, qty, price, fee: 0, at: 0 });
    book('buy', 10, 100);
    book('buy', 30, 120);
    expect(state.positions.X).toMatchObject({ qty: 40, avgEntryPrice: 115 });
    book('sell', 50, 130);
    expect(state.positions.X).toMatchObject({ qty: -10, avgEntryPrice: 130 });
    expect(state.realizedPl).toBe(40 * 15);
    book('buy', 10, 125);
    expect(state.positions.X).toBeUndefined();
    expect(state.realizedPl).toBe(40 * 15 + 10 * 5);
  });
});
