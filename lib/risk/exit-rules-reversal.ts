import type { ExitAction, ExitRuleInput } from './exit-rules-types.ts';
import { exitAll } from './exit-rules-types.ts';
import type { ExitRulesConfig } from './exit-rules-config.ts';
import { minutesBetween, num } from './risk-format.ts';

/**
 * Closes the trade when the latest signal points the other way with at least reversalMinScore, and is
 * fresh: issued after the entry and no older than maxSignalAgeMinutes. A `flat` signal is not a reversal.
 */
export function reversalRule(input: ExitRuleInput, config: ExitRulesConfig): ExitAction | null {
  const { plan, signal, now } = input;
  if (!signal) return null;
  const opposite = plan.side === 'long' ? 'short' : 'long';
  const ageMinutes = minutesBetween(signal.at, now);
  const inputs = { signalId: signal.signalId, direction: signal.direction, score: signal.score, signalAt: signal.at, ageMinutes, reversalMinScore: config.reversalMinScore, maxSignalAgeMinutes: config.maxSignalAgeMinutes };
  const fresh = signal.at >= plan.enteredAt && now - signal.at <= config.maxSignalAgeMinutes * 60_000;
  if (signal.direction !== opposite || !(signal.score >= config.reversalMinScore) || !fresh) return null;
  return exitAll(plan, 'reversal_signal', `Signal ${signal.signalId} turned ${opposite} on ${plan.symbol} with score ${num(signal.score)} (threshold ${config.reversalMinScore}).`, inputs);
}
