import type { EpochMs } from './time.ts';
import type { Fill } from './orders.ts';

/** Why a position was closed (stored with every exit, like Freqtrade's ExitType). */
export type ExitReason =
  | 'take_profit'
  | 'stop_loss'
  | 'trailing_stop'
  | 'time_exit'
  | 'flatten_before_close'
  | 'reversal_signal'
  | 'operator_close'
  | 'operator_flatten'
  | 'dead_man_switch'
  | 'risk_reduce'
  /** A position of ours with no plan (a side flip, an entry reconcile could not tie to its plan): closed at once. */
  | 'unplanned'
  | 'external'
  | 'unknown';

/** A round trip: from flat to a position and back to flat. Prices in USD, quantities in asset units. */
export interface RoundTrip {
  id: number | null;
  symbol: string;
  side: 'long' | 'short';
  /** Quantity still open. */
  openQty: number;
  /** Largest quantity held. */
  maxQty: number;
  entryAt: EpochMs;
  /** Volume-weighted entry price over every opening fill. */
  entryPrice: number;
  entryQty: number;
  exitAt: EpochMs | null;
  /** Volume-weighted exit price over every closing fill. */
  exitPrice: number | null;
  exitQty: number;
  realizedPnlUsd: number;
  exitReason: ExitReason | null;
  entryIntentId: number | null;
  exitIntentId: number | null;
  /** Risk per unit at entry (entry minus initial stop), for the R multiple; null when unknown. */
  riskPerUnitUsd: number | null;
  fillIds: string[];
  /** Opened outside Catalyst and adopted by reconcile. */
  adopted?: boolean;
}

/** What is known about the order behind a fill (from our intents), to label entries and exits. */
export interface FillContext {
  intentId: number | null;
  exitReason: ExitReason | null;
  riskPerUnitUsd: number | null;
}

const EPS = 1e-9;

function signedQty(f: Fill): number {
  return f.side === 'buy' ? f.qty : -f.qty;
}

/**
 * Applies fills (in time order) to the open round trips, per symbol: fills in the position's direction
 * open or add, fills against it reduce and close (a fill larger than the position closes the trip and
 * opens one the other way). Returns every trip touched; pure.
 */
export function applyFills(open: readonly RoundTrip[], fills: readonly Fill[], contextOf: (f: Fill) => FillContext): RoundTrip[] {
  const current = new Map<string, RoundTrip>(open.map((t) => [t.symbol, { ...t, fillIds: [...t.fillIds] }]));
  const touched = new Map<RoundTrip, true>();
  const sorted = [...fills].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  for (const f of sorted) {
    let remaining = signedQty(f);
    const ctx = contextOf(f);
    while (Math.abs(remaining) > EPS) {
      const trip = current.get(f.symbol);
      if (!trip || trip.openQty <= EPS) {
        const opened: RoundTrip = {
          id: null,
          symbol: f.symbol,
          side: remaining > 0 ? 'long' : 'short',
          openQty: Math.abs(remaining),
          maxQty: Math.abs(remaining),
          entryAt: f.at,
          entryPrice: f.price,
          entryQty: Math.abs(remaining),
          exitAt: null,
          exitPrice: null,
          exitQty: 0,
          realizedPnlUsd: 0,
          exitReason: null,
          entryIntentId: ctx.intentId,
          exitIntentId: null,
          riskPerUnitUsd: ctx.riskPerUnitUsd,
          fillIds: [f.id],
          // Opened by a fill of no intent of ours: a trade placed outside Catalyst.
          ...(ctx.intentId === null ? { adopted: true } : {}),
        };
        current.set(f.symbol, opened);
        touched.set(opened, true);
        remaining = 0;
        break;
      }
      touched.set(trip, true);
      if (!trip.fillIds.includes(f.id)) trip.fillIds.push(f.id);
      const direction = trip.side === 'long' ? 1 : -1;
      if (Math.sign(remaining) === direction) {
        const add = Math.abs(remaining);
        trip.entryPrice = (trip.entryPrice * trip.entryQty + f.price * add) / (trip.entryQty + add);
        trip.entryQty += add;
        trip.openQty += add;
        trip.maxQty = Math.max(trip.maxQty, trip.openQty);
        remaining = 0;
      } else {
        const close = Math.min(trip.openQty, Math.abs(remaining));
        trip.exitPrice = ((trip.exitPrice ?? 0) * trip.exitQty + f.price * close) / (trip.exitQty + close);
        trip.exitQty += close;
        trip.openQty -= close;
        trip.realizedPnlUsd += (f.price - trip.entryPrice) * close * direction;
        trip.exitIntentId = ctx.intentId ?? trip.exitIntentId;
        trip.exitReason = ctx.exitReason ?? trip.exitReason;
        remaining += close * direction;
        if (trip.openQty <= EPS) {
          trip.openQty = 0;
          trip.exitAt = f.at;
          trip.exitReason ??= 'unknown';
          current.delete(f.symbol);
        }
      }
    }
  }
  return [...touched.keys()];
}

/** Profit in units of the initial risk (null when the risk at entry is unknown). */
export function rMultiple(trip: RoundTrip): number | null {
  if (trip.riskPerUnitUsd === null || trip.riskPerUnitUsd <= 0 || trip.exitQty <= 0) return null;
  return trip.realizedPnlUsd / (trip.riskPerUnitUsd * trip.exitQty);
}
