import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { entryQtyStep, maxQtyWithin, riskBudgetUsd, riskSizedQty, stopDistanceFor } from './position-sizing.ts';
import { roundPriceUsd } from '../domain/increments.ts';
import { cryptoAsset, equityAsset } from './risk-fixtures.test-support.ts';

const config = { stopAtrMultiple: 2, minStopDistanceBps: 30 };
const steps = fc.constantFrom(1, 0.1, 0.001, 0.0001, 1e-9);

describe('position sizing', () => {
  it('sizes_by_the_floor_of_the_risk_budget_over_the_stop_distance', () => {
    expect(riskSizedQty(100_000, 0.5, 5, 1)).toBe(100);
    expect(riskSizedQty(100_000, 0.5, 3, 1)).toBe(166);
    expect(riskSizedQty(10_000, 1, 1_200, 0.0001)).toBe(0.0833);
    expect(riskSizedQty(100_000, 0.5, 0, 1)).toBe(0);
  });

  it('uses_the_minimum_stop_distance_when_the_atr_is_tiny', () => {
    expect(stopDistanceFor(0.01, 100, config)).toEqual({ stopDistanceUsd: 0.3, source: 'floor' });
    expect(stopDistanceFor(1, 100, config)).toEqual({ stopDistanceUsd: 2, source: 'atr' });
  });

  it('enters_equities_in_whole_shares_and_crypto_in_its_increment', () => {
    expect(entryQtyStep(equityAsset('AAPL', { minTradeIncrement: 1e-9 }))).toBe(1);
    expect(entryQtyStep(cryptoAsset('ETH/USD', { minTradeIncrement: 0.001 }))).toBe(0.001);
  });

  it('never_exceeds_the_risk_budget_and_takes_the_largest_step_that_fits', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 100, max: 10_000_000, noNaN: true }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        fc.double({ min: 0.0001, max: 5_000, noNaN: true }),
        steps,
        (equityUsd, riskPct, stopUsd, step) => {
          const budget = riskBudgetUsd(equityUsd, riskPct);
          // Beyond 2^50 steps a size is absurd and capped (see maxQtyWithin); maximality is not claimed there.
          fc.pre(budget / stopUsd / step < 2 ** 50);
          const qty = riskSizedQty(equityUsd, riskPct, stopUsd, step);
          expect(qty).toBeGreaterThanOrEqual(0);
          expect(qty * stopUsd).toBeLessThanOrEqual(budget);
          expect((qty + step) * stopUsd).toBeGreaterThan(budget * (1 - 1e-9));
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('never_lets_a_cap_be_exceeded_by_float_rounding', () => {
    fc.assert(
      fc.property(fc.double({ min: -1_000, max: 1e9, noNaN: true }), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), steps, (capUsd, unitUsd, step) => {
        const qty = maxQtyWithin(capUsd, unitUsd, step);
        if (capUsd <= 0) expect(qty).toBe(0);
        else expect(qty * unitUsd).toBeLessThanOrEqual(capUsd);
      }),
      { numRuns: 1_000 },
    );
  });

  it('rounding_the_stop_and_entry_at_the_broker_never_increases_the_risk', () => {
    const asset = equityAsset('X', { priceIncrement: 0.0001 });
    fc.assert(
      fc.property(
        fc.constantFrom('long' as const, 'short' as const),
        fc.double({ min: 0.5, max: 2_000, noNaN: true }),
        fc.double({ min: 0.001, max: 100, noNaN: true }),
        fc.double({ min: 1_000, max: 1_000_000, noNaN: true }),
        (side, entryUsd, atrUsd, equityUsd) => {
          const { stopDistanceUsd } = stopDistanceFor(atrUsd, entryUsd, config);
          fc.pre(stopDistanceUsd < entryUsd);
          const qty = riskSizedQty(equityUsd, 0.5, stopDistanceUsd, 1);
          const stopUsd = side === 'long' ? entryUsd - stopDistanceUsd : entryUsd + stopDistanceUsd;
          const e = roundPriceUsd(entryUsd, asset, 'entry', side);
          const s = roundPriceUsd(stopUsd, asset, 'stop_loss', side);
          const roundedRisk = qty * (side === 'long' ? e - s : s - e);
          expect(roundedRisk).toBeLessThanOrEqual(riskBudgetUsd(equityUsd, 0.5) * (1 + 1e-12));
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
