import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';
import type { Denial, EntryApproval, RiskDecision } from './decisions.ts';
import { DEFAULT_RISK_CONFIG } from './risk-config.ts';
import { account, context, entry, NOW, position } from './risk-fixtures.test-support.ts';

const approved = (d: RiskDecision | undefined) => {
  if (!d || !d.approved || d.kind !== 'entry') throw new Error(`expected an approved entry, got ${JSON.stringify(d)}`);
  return d as EntryApproval;
};
const denied = (d: RiskDecision | undefined) => {
  if (!d || d.approved) throw new Error(`expected a denial, got ${JSON.stringify(d)}`);
  return d as Denial;
};
const smallBook = ['MSFT', 'TSLA', 'NVDA', 'AMD'].map((s) => position(s, 10, 50));
// Their protective stops, $5 below: $50 each to the stop.
const smallBookStops = smallBook.map((p) => ({ clientOrderId: `sl-${p.symbol}`, symbol: p.symbol, side: 'sell' as const, purpose: 'exit' as const, remainingQty: 10, priceUsd: 45, stopPriceUsd: 45 }));

describe('evaluate: sizing and account limits', () => {
  it('approves_a_long_sized_by_risk_per_trade', () => {
    const d = approved(evaluate([entry('AAPL')], context())[0]);
    // $500 budget (0.5 % of $100k) over a $5 stop (2 × ATR 2.5) = 100 shares at the $100.01 ask.
    expect(d).toMatchObject({ qty: 100, orderSide: 'buy', entryPriceUsd: 100.01, stopDistanceUsd: 5, riskUsd: 500, sizedBy: 'risk_per_trade' });
    expect(d.stopPriceUsd).toBeCloseTo(95.01, 10);
    expect(d.notionalUsd).toBeCloseTo(10_001, 6);
    expect(d.message).toContain('Approved long 100 AAPL shares');
  });

  it('caps_size_at_the_max_position_share_of_equity', () => {
    const d = approved(evaluate([entry('AAPL', { atrUsd: 1 })], context())[0]);
    expect(d).toMatchObject({ qty: 199, sizedBy: 'position_size' });
    expect(d.notionalUsd).toBeLessThanOrEqual(20_000);
    expect(d.riskUsd).toBeLessThan(500);
  });

  it('denies_entry_when_daily_loss_limit_reached', () => {
    const d = denied(evaluate([entry('AAPL')], context({ realizedPnlTodayUsd: -2_000 }))[0]);
    expect(d.reason).toBe('daily_loss_limit_reached');
    expect(d.inputs).toMatchObject({ dailyLossUsd: 2_000, dailyLossLimitUsd: 2_000 });
  });

  it('counts_intraday_unrealised_losses_towards_the_daily_limit', () => {
    const positions = [position('MSFT', 10, 200, { unrealizedIntradayPl: -1_200 })];
    const d = denied(evaluate([entry('AAPL')], context({ realizedPnlTodayUsd: -800, positions }))[0]);
    expect(d.reason).toBe('daily_loss_limit_reached');
  });

  it('caps_entry_to_the_remaining_daily_loss_budget', () => {
    const d = approved(evaluate([entry('AAPL')], context({ realizedPnlTodayUsd: -1_800 }))[0]);
    expect(d).toMatchObject({ qty: 40, riskUsd: 200, sizedBy: 'daily_loss_budget' });
  });

  it('denies_entry_when_the_drawdown_limit_is_reached', () => {
    const d = denied(evaluate([entry('AAPL')], context({ equityHighWaterMarkUsd: 112_000 }))[0]);
    expect(d.reason).toBe('drawdown_limit_reached');
  });

  it('caps_entry_to_the_remaining_drawdown_budget', () => {
    const d = approved(evaluate([entry('AAPL')], context({ equityHighWaterMarkUsd: 111_000 }))[0]);
    expect(d).toMatchObject({ qty: 20, sizedBy: 'drawdown_budget' });
  });

  it('denies_entries_while_halted_or_reducing', () => {
    const halted = context({ tradingStatus: { state: 'HALTED', cause: 'operator_halt', message: 'Halted by ops.', since: NOW, until: null, inputs: {} } });
    expect(denied(evaluate([entry('AAPL')], halted)[0]).reason).toBe('trading_halted');
    const reducing = context({ tradingStatus: { state: 'REDUCING', cause: 'drawdown_limit', message: 'Drawdown.', since: NOW, until: null, inputs: {} } });
    expect(denied(evaluate([entry('AAPL')], reducing)[0]).reason).toBe('trading_reducing');
  });

  it('denies_the_entry_that_would_exceed_max_open_positions_in_the_same_batch', () => {
    const [first, second] = evaluate([entry('AAPL'), entry('META')], context({ positions: smallBook, openOrders: smallBookStops }));
    expect(approved(first).symbol).toBe('AAPL');
    expect(denied(second)).toMatchObject({ reason: 'max_open_positions_reached', inputs: { openPositions: 5, maxOpenPositions: 5 } });
  });

  it('counts_pending_entry_orders_as_open_positions', () => {
    const openOrders = [...smallBookStops, { clientOrderId: 'c1-meta', symbol: 'META', side: 'buy' as const, purpose: 'entry' as const, remainingQty: 5, priceUsd: 300 }];
    const d = denied(evaluate([entry('AAPL')], context({ positions: smallBook, openOrders }))[0]);
    expect(d.reason).toBe('max_open_positions_reached');
  });

  it('counts_a_whole_trade_budget_for_a_position_without_a_stop', () => {
    // Four unprotected positions: 4 × $500 uses up the $2,000 daily budget.
    const d = denied(evaluate([entry('AAPL')], context({ positions: smallBook }))[0]);
    expect(d).toMatchObject({ reason: 'daily_loss_budget_exhausted', inputs: { committedRiskUsd: 2_000 } });
  });

  it('caps_gross_exposure_across_the_batch', () => {
    const positions = [position('MSFT', 450, 200)];
    const [first, second] = evaluate([entry('AAPL'), entry('TSLA')], context({ positions }));
    expect(approved(first)).toMatchObject({ qty: 99, sizedBy: 'gross_exposure' });
    expect(denied(second).reason).toBe('gross_exposure_limit_reached');
  });

  it('reserves_buying_power_for_open_entry_orders', () => {
    const hold = (qty: number) => [{ clientOrderId: 'c1-nvda', symbol: 'NVDA', side: 'buy' as const, purpose: 'entry' as const, remainingQty: qty, priceUsd: 50 }];
    const ctx = (qty: number) => context({ account: account({ buyingPower: 15_000 }), openOrders: hold(qty) });
    expect(approved(evaluate([entry('AAPL')], ctx(200))[0])).toMatchObject({ qty: 49, sizedBy: 'buying_power' });
    expect(denied(evaluate([entry('AAPL')], ctx(300))[0]).reason).toBe('insufficient_buying_power');
  });

  it('sizes_crypto_to_its_trade_increment_and_minimum_order_size', () => {
    const night = Date.parse('2026-11-24T03:00:00Z');
    const d = approved(evaluate([entry('BTC/USD', { atrUsd: 600 })], context({ now: night }))[0]);
    expect(d).toMatchObject({ qty: 0.3333, sizedBy: 'position_size' });
    const big = context({ now: night });
    const assets = { ...big.assets, 'BTC/USD': { ...big.assets['BTC/USD']!, minOrderSize: 1 } };
    expect(denied(evaluate([entry('BTC/USD', { atrUsd: 600 })], { ...big, assets })[0]).reason).toBe('below_min_order_size');
  });

  it('denies_when_the_risk_budget_buys_less_than_one_share', () => {
    // $50 budget (0.05 %) over a $60 stop.
    const d = denied(evaluate([entry('AAPL', { atrUsd: 30 })], context(), { ...DEFAULT_RISK_CONFIG, riskPerTradePct: 0.05 })[0]);
    expect(d.reason).toBe('risk_budget_below_one_unit');
    expect(d.inputs).toMatchObject({ riskBudgetUsd: 50, stopDistanceUsd: 60, qty: 0 });
  });

  it('denies_a_malformed_intent_instead_of_guessing', () => {
    expect(denied(evaluate([entry('AAPL', { atrUsd: Number.NaN })], context())[0]).reason).toBe('invalid_intent');
    expect(denied(evaluate([entry('AAPL', { limitPriceUsd: -1 })], context())[0]).reason).toBe('invalid_intent');
    // A $600 stop under a $100 entry would sit below zero.
    expect(denied(evaluate([entry('AAPL', { atrUsd: 300 })], context())[0]).reason).toBe('invalid_intent');
  });

  it('records_every_check_with_its_inputs', () => {
    const d = approved(evaluate([entry('AAPL')], context())[0]);
    expect(d.checks.map((c) => c.check)).toEqual([
      'intent', 'account', 'trading_state', 'daily_loss', 'drawdown', 'asset', 'session', 'symbol_halt', 'one_position_per_symbol',
      'cooldown', 'trades_per_news', 'open_positions', 'shortability', 'quote', 'min_price', 'spread', 'liquidity', 'sizing',
    ]);
    expect(d.checks.every((c) => c.passed)).toBe(true);
    expect(d.checks.at(-1)!.inputs).toMatchObject({ equityUsd: 100_000, stopDistanceUsd: 5, maxQty_risk_per_trade: 100, maxQty_position_size: 199, sizedBy: 'risk_per_trade' });
  });

  it('uses_the_given_configuration', () => {
    const d = approved(evaluate([entry('AAPL')], context(), { ...DEFAULT_RISK_CONFIG, riskPerTradePct: 0.25 })[0]);
    expect(d.qty).toBe(50);
  });
});
