import { describe, expect, it } from 'vitest';
import { ordersAnExitReplaces } from './manage-exits.ts';
import { evaluate } from '../../risk/evaluate.ts';
import { toRiskOpenOrders, type ExitIntent } from '../../risk/risk-context.ts';
import { DEFAULT_RISK_CONFIG } from '../../risk/risk-config.ts';
import { context, position as held } from '../../risk/risk-fixtures.test-support.ts';
import type { Order } from '../../domain/orders.ts';

const T = Date.parse('2026-11-16T16:00:00Z');
const order = (over: Partial<Order> & { id: string; clientOrderId: string }): Order => ({
  symbol: 'AAPL', assetClass: 'us_equity', side: 'sell', type: 'market', timeInForce: 'day', orderClass: 'simple', status: 'new', qty: 100, notional: null,
  filledQty: 0, filledAvgPrice: null, limitPrice: null, stopPrice: null, trailPrice: null, trailPercent: null, hwm: null, extendedHours: false, createdAt: T,
  updatedAt: T, submittedAt: T, filledAt: null, canceledAt: null, expiredAt: null, replacedBy: null, replaces: null, legs: [], ...over,
});
// The legs of a filled bracket, listed on their own (Alpaca nests them under no open order once the entry filled).
const takeProfit = order({ id: 'tp', clientOrderId: 'leg-tp', type: 'limit', limitPrice: 110 });
const stop = order({ id: 'sl', clientOrderId: 'leg-sl', type: 'stop', stopPrice: 96, status: 'held' });

/** The exit gate's answer for closing all of a long AAPL position while `orders` are open, the exit replacing what it cancels. */
function exitDecision(orders: Order[], qty = 100) {
  const positions = [held('AAPL', qty, 100)];
  const intent: ExitIntent = { kind: 'exit', intentId: 'AAPL:stop_loss', symbol: 'AAPL', qty: 'all', exitReason: 'stop_loss', replacesClientOrderIds: ordersAnExitReplaces(orders, 'AAPL', 'long').map((o) => o.clientOrderId) };
  return evaluate([intent], context({ positions, openOrders: toRiskOpenOrders(orders, positions) }), DEFAULT_RISK_CONFIG)[0]!;
}

describe('exit management and the orders a position has open', () => {
  it('replaces_the_brackets_take_profit_and_stop_so_the_exit_may_close_everything', () => {
    expect(ordersAnExitReplaces([takeProfit, stop], 'AAPL', 'long').map((o) => o.id)).toEqual(['tp', 'sl']);
    expect(exitDecision([takeProfit, stop])).toMatchObject({ approved: true, qty: 100 });
  });

  it('cancels_what_is_left_of_a_filling_entry_so_the_exit_is_no_wash_trade', () => {
    const entry = order({ id: 'en', clientOrderId: 'cat-entry', side: 'buy', status: 'partially_filled', qty: 300, filledQty: 100, orderClass: 'bracket', legs: [{ ...takeProfit, qty: 300 }, { ...stop, qty: 300 }] });
    expect(ordersAnExitReplaces([entry], 'AAPL', 'long').map((o) => o.id)).toEqual(['en', 'tp', 'sl']);
    expect(exitDecision([entry])).toMatchObject({ approved: true, qty: 100 });
  });

  it('leaves_a_working_market_exit_alone_and_sends_no_second_one', () => {
    const working = order({ id: 'ex', clientOrderId: 'cat-exit', status: 'partially_filled', qty: 100, filledQty: 40 });
    expect(ordersAnExitReplaces([working], 'AAPL', 'long')).toEqual([]);
    expect(exitDecision([working], 60)).toMatchObject({ approved: false, reason: 'exit_already_pending' });
  });

  it('ignores_orders_of_other_symbols_and_orders_that_ended', () => {
    const other = order({ id: 'o', clientOrderId: 'other', symbol: 'XYZ', type: 'limit', limitPrice: 50 });
    const done = order({ id: 'd', clientOrderId: 'done', type: 'stop', status: 'canceled' });
    expect(ordersAnExitReplaces([other, done, stop], 'AAPL', 'long').map((o) => o.id)).toEqual(['sl']);
  });
});
