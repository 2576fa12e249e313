/**
 * Why a position is closed (Freqtrade's ExitType): stored with every exit order and round-trip trade.
 * - stop_loss: the price reached the protective stop where it was first placed.
 * - trailing_stop: the price reached a stop that had been trailed up (or down, for a short).
 * - take_profit: the price reached the target.
 * - time_exit: the trade ran longer than its time budget.
 * - flatten_before_close: the session is about to close (no equity position is held overnight).
 * - reversal_signal: the latest signal points the other way.
 * - operator_flatten: a person asked to flatten.
 * - risk_reduce: the risk engine is cutting exposure (REDUCING).
 */
export type ExitReason =
  | 'stop_loss'
  | 'trailing_stop'
  | 'take_profit'
  | 'time_exit'
  | 'flatten_before_close'
  | 'reversal_signal'
  | 'operator_flatten'
  | 'risk_reduce';

export const EXIT_REASONS: readonly ExitReason[] = [
  'stop_loss',
  'trailing_stop',
  'take_profit',
  'time_exit',
  'flatten_before_close',
  'reversal_signal',
  'operator_flatten',
  'risk_reduce',
];
