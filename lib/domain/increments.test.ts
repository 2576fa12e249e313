import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Asset } from './market.ts';
import type { OrderRequest } from './orders.ts';
import {
  decimalsOf,
  floorQty,
  priceIncrementFor,
  qtyIncrementFor,
  roundOrderRequest,
  roundPriceUsd,
  roundToIncrement,
  roundingDirectionFor,
  type PriceRole,
} from './increments.ts';

const equity: Asset = {
  symbol: 'AAPL', name: 'Apple', exchange: 'NASDAQ', assetClass: 'us_equity', status: 'active', tradable: true,
  shortable: true, easyToBorrow: true, fractionable: true, marginable: true, minTradeIncrement: 1, priceIncrement: 0.0001, minOrderSize: 1,
};
const btc: Asset = { ...equity, symbol: 'BTC/USD', assetClass: 'crypto', shortable: false, easyToBorrow: false, minTradeIncrement: 0.0001, priceIncrement: 1, minOrderSize: 0.0001 };

const ROLES: PriceRole[] = ['entry', 'stop_loss', 'take_profit', 'exit_limit'];
const INCREMENTS = [1, 0.5, 0.25, 0.1, 0.05, 0.01, 0.005, 0.0001, 0.000001, 1e-9];
const price = fc.double({ min: 0.0001, max: 100_000, noNaN: true, noDefaultInfinity: true });

describe('increments', () => {
  it('counts_decimals_of_plain_and_exponent_increments', () => {
    expect([1, 0.01, 0.0001, 1e-9, 1.5e-7, 0.25].map(decimalsOf)).toEqual([0, 2, 4, 9, 8, 2]);
  });

  it('applies_the_sub_penny_rule_to_equities', () => {
    expect(roundPriceUsd(187.12345, equity, 'entry', 'long')).toBe(187.12);
    expect(roundPriceUsd(0.123456, equity, 'entry', 'long')).toBe(0.1234);
    expect(roundPriceUsd(0.99999, equity, 'stop_loss', 'long')).toBe(1);
    expect(priceIncrementFor({ ...equity, priceIncrement: 0.01 }, 0.5)).toBe(0.01);
  });

  it('uses_the_crypto_asset_price_increment', () => {
    expect(roundPriceUsd(64_123.7, btc, 'entry', 'long')).toBe(64_123);
    expect(roundPriceUsd(64_123.2, btc, 'stop_loss', 'long')).toBe(64_124);
  });

  it('rounds_each_role_in_the_risk_safe_direction', () => {
    expect(roundPriceUsd(10.005, equity, 'entry', 'long')).toBe(10);
    expect(roundPriceUsd(10.005, equity, 'entry', 'short')).toBe(10.01);
    expect(roundPriceUsd(9.123, equity, 'stop_loss', 'long')).toBe(9.13);
    expect(roundPriceUsd(9.127, equity, 'stop_loss', 'short')).toBe(9.12);
    expect(roundPriceUsd(12.349, equity, 'take_profit', 'long')).toBe(12.34);
    expect(roundPriceUsd(7.651, equity, 'take_profit', 'short')).toBe(7.66);
    expect(roundingDirectionFor('exit_limit', 'long')).toBe('down');
    expect(roundingDirectionFor('exit_limit', 'short')).toBe('up');
  });

  it('keeps_values_already_on_the_grid', () => {
    expect(roundToIncrement(1.15, 0.01, 'down')).toBe(1.15);
    expect(roundToIncrement(1.15, 0.01, 'up')).toBe(1.15);
    expect(roundToIncrement(0.3, 0.1, 'down')).toBe(0.3);
    // A crypto position of 132.191999998 (1e-9 steps) divides to 132191999997.99998: closing it whole must not
    // leave a billionth of a coin behind.
    expect(roundToIncrement(132.191999998, 1e-9, 'down')).toBe(132.191999998);
    expect(roundToIncrement(132.191999998, 1e-9, 'up')).toBe(132.191999998);
  });

  it('rounding_down_never_exceeds_and_up_never_falls_below_the_value', () => {
    fc.assert(
      fc.property(price, fc.constantFrom(...INCREMENTS), (value, increment) => {
        const down = roundToIncrement(value, increment, 'down');
        const up = roundToIncrement(value, increment, 'up');
        expect(down).toBeLessThanOrEqual(value);
        expect(up).toBeGreaterThanOrEqual(value);
        expect(up - down).toBeLessThanOrEqual(increment + 1e-12 * Math.max(1, value));
        expect(decimalsOf(down)).toBeLessThanOrEqual(decimalsOf(increment));
        expect(decimalsOf(up)).toBeLessThanOrEqual(decimalsOf(increment));
      }),
      { numRuns: 500 },
    );
  });

  it('rounded_equity_prices_obey_the_sub_penny_rule', () => {
    fc.assert(
      fc.property(price, fc.constantFrom(...ROLES), fc.constantFrom('long' as const, 'short' as const), (value, role, side) => {
        const rounded = roundPriceUsd(value, equity, role, side);
        expect(decimalsOf(rounded)).toBeLessThanOrEqual(rounded >= 1 ? 2 : 4);
      }),
      { numRuns: 500 },
    );
  });

  it('rounding_never_increases_the_risk_of_a_bracket', () => {
    const bracket = fc.record({
      side: fc.constantFrom('long' as const, 'short' as const),
      entry: fc.double({ min: 0.05, max: 5_000, noNaN: true }),
      stopFrac: fc.double({ min: 0.001, max: 0.5, noNaN: true }),
      qty: fc.integer({ min: 1, max: 10_000 }),
    });
    fc.assert(
      fc.property(bracket, ({ side, entry, stopFrac, qty }) => {
        const stop = side === 'long' ? entry * (1 - stopFrac) : entry * (1 + stopFrac);
        const e = roundPriceUsd(entry, equity, 'entry', side);
        const s = roundPriceUsd(stop, equity, 'stop_loss', side);
        const rawRisk = qty * Math.abs(entry - stop);
        const roundedRisk = side === 'long' ? qty * (e - s) : qty * (s - e);
        expect(roundedRisk).toBeLessThanOrEqual(rawRisk + 1e-9 * rawRisk);
      }),
      { numRuns: 500 },
    );
  });

  it('floors_quantities_to_the_trade_increment', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1_000, noNaN: true }), fc.constantFrom(1, 0.1, 0.0001, 1e-9), (qty, step) => {
        const floored = floorQty(qty, step);
        expect(floored).toBeLessThanOrEqual(qty);
        expect(qty - floored).toBeLessThan(step + 1e-12 * Math.max(1, qty));
        expect(decimalsOf(floored)).toBeLessThanOrEqual(decimalsOf(step));
      }),
      { numRuns: 300 },
    );
  });

  it('trades_whole_shares_except_in_simple_fractional_market_day_orders', () => {
    expect(qtyIncrementFor(equity)).toBe(1);
    expect(qtyIncrementFor({ ...equity, minTradeIncrement: 1e-9 }, { type: 'market', timeInForce: 'day' })).toBe(1e-9);
    expect(qtyIncrementFor({ ...equity, minTradeIncrement: 1e-9 }, { type: 'market', timeInForce: 'day', orderClass: 'bracket' })).toBe(1);
    expect(qtyIncrementFor(btc, { type: 'limit', timeInForce: 'gtc' })).toBe(0.0001);
  });

  it('rounds_a_long_bracket_request_at_the_broker_boundary', () => {
    const request: OrderRequest = {
      clientOrderId: 'c1-x', symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'day', qty: 12.7, limitPrice: 187.129,
      orderClass: 'bracket', takeProfit: { limitPrice: 195.555 }, stopLoss: { stopPrice: 183.001, limitPrice: 182.505 },
    };
    const result = roundOrderRequest(request, equity, 'long');
    expect(result).toEqual({
      ok: true,
      value: { ...request, qty: 12, limitPrice: 187.12, takeProfit: { limitPrice: 195.55 }, stopLoss: { stopPrice: 183.01, limitPrice: 182.5 } },
    });
  });

  it('rounds_a_short_exit_stop_down_and_its_buy_limit_up', () => {
    const request: OrderRequest = { clientOrderId: 'c1-y', symbol: 'AAPL', side: 'buy', type: 'stop_limit', timeInForce: 'day', qty: 5, stopPrice: 50.019, limitPrice: 50.511 };
    const result = roundOrderRequest(request, equity, 'short');
    expect(result.ok && result.value).toMatchObject({ stopPrice: 50.01, limitPrice: 50.52 });
  });

  it('refuses_a_crypto_quantity_below_the_minimum_order_size', () => {
    const request: OrderRequest = { clientOrderId: 'c1-z', symbol: 'BTC/USD', side: 'buy', type: 'limit', timeInForce: 'gtc', qty: 0.00009, limitPrice: 60_000 };
    const result = roundOrderRequest(request, btc, 'long');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason.code).toBe('qty_below_min_order_size');
  });

  it('refuses_a_bracket_that_rounding_turns_upside_down', () => {
    const request: OrderRequest = {
      clientOrderId: 'c1-w', symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'day', qty: 1, limitPrice: 10.004,
      orderClass: 'bracket', takeProfit: { limitPrice: 10.02 }, stopLoss: { stopPrice: 9.999 },
    };
    const result = roundOrderRequest(request, equity, 'long');
    expect(!result.ok && result.reason.code).toBe('bracket_inverted');
  });
});
