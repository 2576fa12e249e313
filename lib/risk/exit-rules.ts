import type { ExitAction, ExitRuleInput, PositionAction } from './exit-rules-types.ts';
import { DEFAULT_EXIT_RULES_CONFIG, type ExitRulesConfig } from './exit-rules-config.ts';
import { stopTargetRule, trailingStopRule } from './exit-rules-price.ts';
import { flattenBeforeCloseRule, timeExitRule } from './exit-rules-clock.ts';
import { reversalRule } from './exit-rules-reversal.ts';

type ExitRule = (input: ExitRuleInput, config: ExitRulesConfig) => ExitAction | null;

// Priority: the price protecting capital first, then the calendar (no overnight equity), then the
// strategy's view, then the time budget. The first rule that fires names the exit.
const EXIT_RULES: readonly ExitRule[] = [
  (input) => stopTargetRule(input),
  (input, config) => {
    const trail = trailingStopRule(input, config);
    return trail?.kind === 'exit' ? trail : null;
  },
  flattenBeforeCloseRule,
  reversalRule,
  timeExitRule,
];

/**
 * What to do with one open position now: nothing, one exit of the whole position with its named reason,
 * or (when nothing says exit) a replace-stop that trails the stop. Pure: a function of the plan, the
 * market, the signal, `now` and the calendar.
 */
export function positionActions(input: ExitRuleInput, config: ExitRulesConfig = DEFAULT_EXIT_RULES_CONFIG): PositionAction[] {
  if (!(input.plan.qty > 0)) return [];
  for (const rule of EXIT_RULES) {
    const exit = rule(input, config);
    if (exit) return [exit];
  }
  const trail = trailingStopRule(input, config);
  return trail ? [trail] : [];
}
