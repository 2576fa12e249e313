import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';
import type { RiskOpenOrder } from './risk-context.ts';
import { toRiskOpenOrders } from './risk-context.ts';
import type { Order } from '../domain/orders.ts';
import { context, entry, exit, NOW, position } from './risk-fixtures.test-support.ts';

const stopLeg: RiskOpenOrder = { clientOrderId: 'c1-aapl-sl', symbol: 'AAPL', side: 'sell', purpose: 'exit', remainingQty: 100, priceUsd: 95 };
const halted = { state: 'HALTED' as const, cause: 'daily_loss_limit' as const, message: 'Daily loss.', since: NOW, until: NOW + 86_400_000, inputs: {} };

describe('evaluate: exits and reductions', () => {
  it('caps_an_exit_to_the_position_so_it_cannot_flip', () => {
    const d = evaluate([exit('AAPL', 150)], context({ positions: [position('AAPL', 100, 100)] }))[0];
    expect(d).toMatchObject({ approved: true, kind: 'exit', orderSide: 'sell', qty: 100, capped: true });
  });

  it('closes_a_short_with_a_buy', () => {
    const d = evaluate([exit('AAPL')], context({ positions: [position('AAPL', 40, 100, { side: 'short' })] }))[0];
    expect(d).toMatchObject({ approved: true, orderSide: 'buy', qty: 40, capped: false });
  });

  it('splits_the_position_between_exits_of_one_batch', () => {
    const ctx = context({ positions: [position('AAPL', 100, 100)] });
    const [a, b, c] = evaluate([exit('AAPL', 60), exit('AAPL', 60, { intentId: 'out-2' }), exit('AAPL', 'all', { intentId: 'out-3' })], ctx);
    expect(a).toMatchObject({ approved: true, qty: 60 });
    expect(b).toMatchObject({ approved: true, qty: 40, capped: true });
    expect(c).toMatchObject({ approved: false, reason: 'exit_already_pending' });
  });

  it('counts_open_exit_orders_unless_the_exit_replaces_them', () => {
    const ctx = context({ positions: [position('AAPL', 100, 100)], openOrders: [stopLeg] });
    expect(evaluate([exit('AAPL')], ctx)[0]).toMatchObject({ approved: false, reason: 'exit_already_pending' });
    expect(evaluate([exit('AAPL', 'all', { replacesClientOrderIds: [stopLeg.clientOrderId] })], ctx)[0]).toMatchObject({ approved: true, qty: 100 });
  });

  it('denies_an_exit_without_a_position', () => {
    expect(evaluate([exit('AAPL')], context())[0]).toMatchObject({ approved: false, reason: 'no_position' });
    expect(evaluate([exit('AAPL', 0)], context({ positions: [position('AAPL', 1, 100)] }))[0]).toMatchObject({ approved: false, reason: 'invalid_intent' });
  });

  it('approves_exits_while_halted_outside_the_session_and_during_a_symbol_halt', () => {
    const night = Date.parse('2026-11-24T03:00:00Z');
    const ctx = context({ now: night, tradingStatus: halted, positions: [position('AAPL', 100, 100)] });
    const markets = { ...ctx.markets, AAPL: { ...ctx.markets.AAPL!, halted: true } };
    const [out, into] = evaluate([exit('AAPL', 'all', { exitReason: 'risk_reduce' }), entry('MSFT')], { ...ctx, markets });
    expect(out).toMatchObject({ approved: true, qty: 100, exitReason: 'risk_reduce' });
    expect(into).toMatchObject({ approved: false, reason: 'trading_halted' });
  });

  it('returns_decisions_in_the_order_of_the_intents', () => {
    const ctx = context({ positions: [position('MSFT', 10, 200)] });
    const decisions = evaluate([entry('AAPL'), exit('MSFT'), entry('TSLA')], ctx);
    expect(decisions.map((d) => d.intentId)).toEqual(['in-AAPL', 'out-MSFT', 'in-TSLA']);
  });

  it('maps_broker_orders_to_entries_and_exits_with_bracket_legs_as_exits', () => {
    const order = (over: Partial<Order>): Order => ({
      id: 'o', clientOrderId: 'c', symbol: 'AAPL', assetClass: 'us_equity', side: 'buy', type: 'limit', timeInForce: 'day', orderClass: 'simple',
      status: 'new', qty: 10, notional: null, filledQty: 0, filledAvgPrice: null, limitPrice: 100, stopPrice: null, trailPrice: null, trailPercent: null,
      hwm: null, extendedHours: false, createdAt: NOW, updatedAt: NOW, submittedAt: NOW, filledAt: null, canceledAt: null, expiredAt: null,
      replacedBy: null, replaces: null, legs: [], ...over,
    });
    const bracket = order({ clientOrderId: 'en', orderClass: 'bracket', filledQty: 4, legs: [order({ clientOrderId: 'sl', side: 'sell', type: 'stop', limitPrice: null, stopPrice: 95 })] });
    const cover = order({ clientOrderId: 'cover', symbol: 'TSLA', side: 'buy', limitPrice: 250 });
    const dollars = order({ clientOrderId: 'usd', symbol: 'MSFT', qty: null, notional: 500, limitPrice: null, type: 'market' });
    const mapped = toRiskOpenOrders([bracket, cover, dollars], [position('TSLA', 5, 250, { side: 'short' })]);
    expect(mapped).toEqual([
      { clientOrderId: 'en', symbol: 'AAPL', side: 'buy', purpose: 'entry', remainingQty: 6, priceUsd: 100, protectiveStopUsd: 95 },
      { clientOrderId: 'sl', symbol: 'AAPL', side: 'sell', purpose: 'exit', remainingQty: 10, priceUsd: 95, stopPriceUsd: 95 },
      { clientOrderId: 'cover', symbol: 'TSLA', side: 'buy', purpose: 'exit', remainingQty: 10, priceUsd: 250 },
      { clientOrderId: 'usd', symbol: 'MSFT', side: 'buy', purpose: 'entry', remainingQty: 0, priceUsd: null, remainingNotionalUsd: 500 },
    ]);
  });
});
