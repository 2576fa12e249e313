import type { EpochMs, IsoDate } from '../domain/time.ts';
import type { AssetClass, Bar, CalendarDay, Quote } from '../domain/market.ts';
import type { OrderSide } from '../domain/orders.ts';
import type { PositionSide } from '../domain/increments.ts';
import type { CheckInputs } from './decisions.ts';
import type { ExitReason } from './exit-reasons.ts';

/** A position with the plan it was entered under; prices unrounded, R = |entry − initial stop|. */
export interface EntryPlan {
  symbol: string;
  assetClass: AssetClass;
  side: PositionSide;
  /** Units held. */
  qty: number;
  /** Average fill price. */
  entryPriceUsd: number;
  initialStopUsd: number;
  /** The stop as it stands now (moved only towards profit). */
  currentStopUsd: number;
  takeProfitUsd: number;
  enteredAt: EpochMs;
}

/** The latest signal on the symbol from the technical service. */
export interface LatestSignal {
  signalId: string;
  direction: 'long' | 'short' | 'flat';
  /** Strength, 0..1. */
  score: number;
  at: EpochMs;
}

/** The calendar the rules read (the NYSE calendar by default; a test or backtest may pass its own). */
export type CalendarLookup = (date: IsoDate) => CalendarDay | null;

export interface ExitRuleInput {
  plan: EntryPlan;
  /** Bars of the symbol, oldest first; those that start at or after the entry count towards the trail. */
  bars: readonly Bar[];
  quote: Quote | null;
  signal: LatestSignal | null;
  now: EpochMs;
  calendar?: CalendarLookup;
}

/** Close the position (or all that is left of it) now. */
export interface ExitAction {
  kind: 'exit';
  symbol: string;
  orderSide: OrderSide;
  qty: number;
  reason: ExitReason;
  message: string;
  inputs: CheckInputs;
}

/** Move the protective stop (only ever towards profit). */
export interface ReplaceStopAction {
  kind: 'replace_stop';
  symbol: string;
  previousStopUsd: number;
  newStopUsd: number;
  reason: 'trailing_stop';
  message: string;
  inputs: CheckInputs;
}

/** Place the entry with its stop-loss and take-profit legs. */
export interface BracketAction {
  kind: 'place_bracket';
  symbol: string;
  side: PositionSide;
  orderSide: OrderSide;
  qty: number;
  entryPriceUsd: number;
  stopLossUsd: number;
  takeProfitUsd: number;
  oneRUsd: number;
  reason: 'initial_bracket';
  message: string;
  inputs: CheckInputs;
}

export type PositionAction = ExitAction | ReplaceStopAction | BracketAction;

/** The side of the order that closes a `side` position. */
export function closingSide(side: PositionSide): OrderSide {
  return side === 'long' ? 'sell' : 'buy';
}

/** One R of the plan, in USD per unit. */
export function oneRUsd(plan: EntryPlan): number {
  return Math.abs(plan.entryPriceUsd - plan.initialStopUsd);
}

/**
 * The price the position could be closed at now: the bid for a long, the ask for a short; the latest bar's
 * close when there is no usable quote. Null when neither is known.
 */
export function markPriceUsd(input: Pick<ExitRuleInput, 'plan' | 'quote' | 'bars'>): { priceUsd: number; source: 'quote' | 'bar' } | null {
  const q = input.quote;
  const touch = q ? (input.plan.side === 'long' ? q.bidPrice : q.askPrice) : 0;
  const lastBar = input.bars[input.bars.length - 1];
  if (q && touch > 0 && (!lastBar || q.t >= lastBar.t)) return { priceUsd: touch, source: 'quote' };
  if (lastBar && lastBar.c > 0) return { priceUsd: lastBar.c, source: 'bar' };
  return touch > 0 ? { priceUsd: touch, source: 'quote' } : null;
}

/** An exit of the whole plan quantity. */
export function exitAll(plan: EntryPlan, reason: ExitReason, message: string, inputs: CheckInputs): ExitAction {
  return { kind: 'exit', symbol: plan.symbol, orderSide: closingSide(plan.side), qty: plan.qty, reason, message, inputs };
}
