import type { ExitRuleInput, ExitAction, ReplaceStopAction } from './exit-rules-types.ts';
import { exitAll, markPriceUsd, oneRUsd } from './exit-rules-types.ts';
import type { ExitRulesConfig } from './exit-rules-config.ts';
import { num, usd } from './risk-format.ts';

/**
 * The stop or the target reached by the market. With a live bracket the broker's leg fires first; this
 * rule covers positions without legs (Alpaca has no brackets for crypto) and legs that went missing.
 */
export function stopTargetRule(input: ExitRuleInput): ExitAction | null {
  const { plan } = input;
  const mark = markPriceUsd(input);
  if (!mark) return null;
  const sign = plan.side === 'long' ? 1 : -1;
  const inputs = { markPriceUsd: mark.priceUsd, markSource: mark.source, currentStopUsd: plan.currentStopUsd, initialStopUsd: plan.initialStopUsd, takeProfitUsd: plan.takeProfitUsd };
  if (sign * (mark.priceUsd - plan.currentStopUsd) <= 0) {
    const trailed = sign * (plan.currentStopUsd - plan.initialStopUsd) > 0;
    const reason = trailed ? 'trailing_stop' : 'stop_loss';
    return exitAll(plan, reason, `${plan.symbol} at ${usd(mark.priceUsd)} reached the ${trailed ? 'trailed ' : ''}stop at ${usd(plan.currentStopUsd)}.`, inputs);
  }
  if (sign * (mark.priceUsd - plan.takeProfitUsd) >= 0) {
    return exitAll(plan, 'take_profit', `${plan.symbol} at ${usd(mark.priceUsd)} reached the target at ${usd(plan.takeProfitUsd)}.`, inputs);
  }
  return null;
}

/**
 * Trails the stop once the trade is trailStartR in profit: trailDistanceR × R behind the best price since
 * entry. The stop only ever moves towards profit, and only by at least minStopStepR × R (no order churn).
 * When the market has already fallen through the trail level, the answer is an exit, not a stop above
 * (below, for a short) the price, which the broker would trigger at once anyway.
 */
export function trailingStopRule(input: ExitRuleInput, config: ExitRulesConfig): ExitAction | ReplaceStopAction | null {
  const { plan, bars } = input;
  const r = oneRUsd(plan);
  const mark = markPriceUsd(input);
  if (!(r > 0) || !mark) return null;
  const sign = plan.side === 'long' ? 1 : -1;
  let bestUsd = mark.priceUsd;
  for (const bar of bars) {
    if (bar.t < plan.enteredAt) continue;
    bestUsd = sign > 0 ? Math.max(bestUsd, bar.h) : Math.min(bestUsd, bar.l);
  }
  const bestR = (sign * (bestUsd - plan.entryPriceUsd)) / r;
  const trailLevelUsd = bestUsd - sign * config.trailDistanceR * r;
  const improvementUsd = sign * (trailLevelUsd - plan.currentStopUsd);
  const inputs = {
    oneRUsd: r,
    bestPriceUsd: bestUsd,
    bestR,
    trailStartR: config.trailStartR,
    trailDistanceR: config.trailDistanceR,
    trailLevelUsd,
    currentStopUsd: plan.currentStopUsd,
    markPriceUsd: mark.priceUsd,
  };
  if (bestR < config.trailStartR || improvementUsd <= 0) return null;
  if (sign * (mark.priceUsd - trailLevelUsd) <= 0) {
    return exitAll(plan, 'trailing_stop', `${plan.symbol} at ${usd(mark.priceUsd)} fell back through the trail level ${usd(trailLevelUsd)} (best ${usd(bestUsd)}, ${num(bestR)}R).`, inputs);
  }
  if (improvementUsd < config.minStopStepR * r) return null;
  return {
    kind: 'replace_stop',
    symbol: plan.symbol,
    previousStopUsd: plan.currentStopUsd,
    newStopUsd: trailLevelUsd,
    reason: 'trailing_stop',
    message: `${plan.symbol} is up ${num(bestR)}R at best; the stop moves from ${usd(plan.currentStopUsd)} to ${usd(trailLevelUsd)}, ${config.trailDistanceR}R behind ${usd(bestUsd)}.`,
    inputs,
  };
}
