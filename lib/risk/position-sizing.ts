import type { Asset } from '../domain/market.ts';
import { multipleOf, qtyIncrementFor } from '../domain/increments.ts';
import type { RiskConfig } from './risk-config.ts';

/**
 * The quantity step of an entry: whole shares for equities (Catalyst enters with brackets, which Alpaca
 * does not allow fractionally), the asset's trade increment for crypto.
 */
export function entryQtyStep(asset: Pick<Asset, 'assetClass' | 'fractionable' | 'minTradeIncrement'>): number {
  return qtyIncrementFor(asset, { type: 'limit', timeInForce: 'day', orderClass: 'bracket' });
}

export interface StopDistance {
  stopDistanceUsd: number;
  /** `atr` when stopAtrMultiple × ATR set it; `floor` when the minimum distance was wider. */
  source: 'atr' | 'floor';
}

/** Distance from the entry to the stop: stopAtrMultiple × ATR, never tighter than minStopDistanceBps of the price. */
export function stopDistanceFor(atrUsd: number, entryPriceUsd: number, config: Pick<RiskConfig, 'stopAtrMultiple' | 'minStopDistanceBps'>): StopDistance {
  const fromAtr = atrUsd * config.stopAtrMultiple;
  const floor = (entryPriceUsd * config.minStopDistanceBps) / 10_000;
  return fromAtr >= floor ? { stopDistanceUsd: fromAtr, source: 'atr' } : { stopDistanceUsd: floor, source: 'floor' };
}

/** The dollars one trade may lose: equity × riskPerTradePct. */
export function riskBudgetUsd(equityUsd: number, riskPerTradePct: number): number {
  return Math.max(0, (equityUsd * riskPerTradePct) / 100);
}

/**
 * The largest multiple of `step` whose cost at `unitUsd` per unit stays within `capUsd`. The check is on
 * the product as the caller will compute it, so float rounding can never let qty × unit exceed the cap.
 */
export function maxQtyWithin(capUsd: number, unitUsd: number, step: number): number {
  if (!(capUsd > 0) || !(unitUsd > 0) || !(step > 0) || !Number.isFinite(capUsd) || !Number.isFinite(unitUsd)) return 0;
  // Beyond 2^52 steps, n - 1 === n and the guard loop below would never end; no real order is that big.
  let n = Math.min(Math.floor(capUsd / unitUsd / step), 2 ** 52);
  let qty = multipleOf(n, step);
  while (n > 0 && qty * unitUsd > capUsd) {
    n -= 1;
    qty = multipleOf(n, step);
  }
  return n > 0 ? qty : 0;
}

/** The risk-based size: floor(equity × riskPct / stopDistance) on the quantity step. */
export function riskSizedQty(equityUsd: number, riskPerTradePct: number, stopDistanceUsd: number, step: number): number {
  return maxQtyWithin(riskBudgetUsd(equityUsd, riskPerTradePct), stopDistanceUsd, step);
}
