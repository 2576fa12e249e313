import type { OrderSide } from '../domain/orders.ts';
import type { PositionSide } from '../domain/increments.ts';
import type { ExitReason } from './exit-reasons.ts';

/** The inputs a check used, stored with the decision (invariant 4). Flat, JSON-friendly values only. */
export type CheckInputs = Readonly<Record<string, number | string | boolean | null>>;

/** The checks of the gate, one name per check family member, in the order an entry meets them. */
export type RiskCheck =
  | 'intent'
  | 'account'
  | 'trading_state'
  | 'daily_loss'
  | 'drawdown'
  | 'asset'
  | 'session'
  | 'symbol_halt'
  | 'one_position_per_symbol'
  | 'cooldown'
  | 'trades_per_news'
  | 'open_positions'
  | 'shortability'
  | 'quote'
  | 'min_price'
  | 'spread'
  | 'liquidity'
  | 'sizing'
  | 'exit';

/** Stable codes for every way an intent can be refused. */
export type DenialReason =
  | 'invalid_intent'
  | 'account_blocked'
  | 'equity_not_positive'
  | 'trading_halted'
  | 'trading_reducing'
  | 'daily_loss_limit_reached'
  | 'drawdown_limit_reached'
  | 'asset_unknown'
  | 'asset_not_tradable'
  | 'outside_regular_session'
  | 'too_close_to_close'
  | 'symbol_halted'
  | 'position_already_open'
  | 'entry_order_pending'
  | 'duplicate_entry_in_batch'
  | 'symbol_cooldown'
  | 'news_trade_limit_reached'
  | 'max_open_positions_reached'
  | 'shorting_disabled'
  | 'not_shortable'
  | 'hard_to_borrow'
  | 'market_data_missing'
  | 'quote_missing'
  | 'quote_invalid'
  | 'quote_stale'
  | 'price_below_minimum'
  | 'spread_too_wide'
  | 'insufficient_liquidity'
  | 'risk_budget_below_one_unit'
  | 'position_size_limit_reached'
  | 'gross_exposure_limit_reached'
  | 'insufficient_buying_power'
  | 'daily_loss_budget_exhausted'
  | 'drawdown_budget_exhausted'
  | 'volume_share_limit_reached'
  | 'below_min_order_size'
  | 'no_position'
  | 'exit_already_pending';

/** What bounds an entry's quantity; the smallest wins and is recorded as `sizedBy`. */
export type SizeCap =
  | 'risk_per_trade'
  | 'position_size'
  | 'gross_exposure'
  | 'buying_power'
  | 'daily_loss_budget'
  | 'drawdown_budget'
  | 'volume_share';

/** One check as it was run: whether it passed and what it looked at. */
export interface CheckRecord {
  check: RiskCheck;
  passed: boolean;
  inputs: CheckInputs;
}

export interface EntryApproval {
  kind: 'entry';
  approved: true;
  intentId: string;
  symbol: string;
  side: PositionSide;
  orderSide: OrderSide;
  /** Units of the asset, on the asset's quantity step (whole shares for equities). */
  qty: number;
  /** The price the size was computed at (the limit, or the touch for a market order); unrounded. */
  entryPriceUsd: number;
  /** Where the protective stop goes; unrounded (increments apply at the broker boundary). */
  stopPriceUsd: number;
  stopDistanceUsd: number;
  /** Loss if the stop is hit at its price: qty × stop distance. */
  riskUsd: number;
  notionalUsd: number;
  /** Buying power the order reserves at the broker. */
  buyingPowerUsd: number;
  sizedBy: SizeCap;
  message: string;
  checks: CheckRecord[];
}

export interface ExitApproval {
  kind: 'exit';
  approved: true;
  intentId: string;
  symbol: string;
  orderSide: OrderSide;
  qty: number;
  exitReason: ExitReason;
  /** True when the requested quantity was cut to what the position still has unreserved. */
  capped: boolean;
  message: string;
  checks: CheckRecord[];
}

export interface Denial {
  kind: 'entry' | 'exit';
  approved: false;
  intentId: string;
  symbol: string;
  reason: DenialReason;
  message: string;
  /** The inputs of the check that refused. */
  inputs: CheckInputs;
  /** Every check run, the refusing one last. */
  checks: CheckRecord[];
}

export type RiskDecision = EntryApproval | ExitApproval | Denial;

/** The outcome of one check: passed, or refused with a reason and a sentence. */
export type GateResult =
  | { pass: true; check: RiskCheck; inputs: CheckInputs }
  | { pass: false; check: RiskCheck; inputs: CheckInputs; reason: DenialReason; message: string };

/** A passed check. */
export function passed(check: RiskCheck, inputs: CheckInputs): GateResult {
  return { pass: true, check, inputs };
}

/** A refused check. */
export function refused(check: RiskCheck, reason: DenialReason, message: string, inputs: CheckInputs): GateResult {
  return { pass: false, check, inputs, reason, message };
}
