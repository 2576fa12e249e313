import type { Position } from '../domain/orders.ts';
import type { RiskOpenOrder } from './risk-context.ts';

/** What an open position or a working entry still stands to lose before its stop takes it out. */
export interface RiskToStop {
  /** USD between the current price (an entry: its price) and the stop, for the quantity a stop covers. */
  riskUsd: number;
  /** True when some of the quantity has no stop: its loss has no bound the gate can count. */
  unbounded: boolean;
}

/**
 * The risk to the stop of an open position: each working stop on the closing side covers part of the
 * quantity, the farthest stop first (the worst case), from the current price, since the loss so far is
 * already in today's P&L. Quantity that no stop covers is reported as unbounded.
 */
export function positionRiskToStop(position: Position, openOrders: readonly RiskOpenOrder[]): RiskToStop {
  if (!(position.qty > 0)) return { riskUsd: 0, unbounded: false };
  const long = position.side === 'long';
  const stops = openOrders
    .filter((o) => o.symbol === position.symbol && o.purpose === 'exit' && o.side === (long ? 'sell' : 'buy') && o.stopPriceUsd !== undefined && o.remainingQty > 0)
    .sort((a, b) => (long ? a.stopPriceUsd! - b.stopPriceUsd! : b.stopPriceUsd! - a.stopPriceUsd!));
  let left = position.qty;
  let riskUsd = 0;
  for (const stop of stops) {
    if (left <= 0) break;
    const qty = Math.min(left, stop.remainingQty);
    riskUsd += qty * Math.max(0, long ? position.currentPrice - stop.stopPriceUsd! : stop.stopPriceUsd! - position.currentPrice);
    left -= qty;
  }
  // Float dust from partial fills is not an unprotected position.
  return { riskUsd, unbounded: left > position.qty * 1e-9 };
}

/**
 * The risk to the stop of a working entry order valued at `priceUsd`: the risk the gate approved when it is
 * recorded, else the distance to its protective stop leg; unbounded when it has neither.
 */
export function entryRiskToStop(order: RiskOpenOrder, priceUsd: number | null): RiskToStop {
  if (order.plannedRiskUsd !== undefined) return { riskUsd: order.plannedRiskUsd, unbounded: false };
  if (order.protectiveStopUsd === undefined || priceUsd === null || !(priceUsd > 0)) return { riskUsd: 0, unbounded: true };
  const qty = order.remainingQty > 0 ? order.remainingQty : (order.remainingNotionalUsd ?? 0) / priceUsd;
  return { riskUsd: qty * Math.abs(priceUsd - order.protectiveStopUsd), unbounded: false };
}
