import type { RiskDecision } from './decisions.ts';
import type { RiskContext, TradeIntent } from './risk-context.ts';
import { DEFAULT_RISK_CONFIG, type RiskConfig } from './risk-config.ts';
import { createExposureBook } from './exposure-book.ts';
import { riskReadings } from './risk-readings.ts';
import { evaluateEntry } from './evaluate-entry.ts';
import { evaluateExit } from './evaluate-exit.ts';

/**
 * The risk gate: approves or denies every intent of a batch, each with a named reason, a sentence and the
 * inputs it used. Exits are judged first (they are always allowed and start a symbol's cooldown), then
 * entries in the order given, each against the book as the earlier approvals left it, so no approved set
 * breaches a limit. Decisions come back in the order of `intents`. Pure and deterministic.
 */
export function evaluate(intents: readonly TradeIntent[], ctx: RiskContext, config: RiskConfig = DEFAULT_RISK_CONFIG): RiskDecision[] {
  const book = createExposureBook(ctx);
  const readings = riskReadings(ctx, config);
  const decisions = new Array<RiskDecision | undefined>(intents.length);
  intents.forEach((intent, i) => {
    if (intent.kind === 'exit') decisions[i] = evaluateExit(intent, ctx, book);
  });
  intents.forEach((intent, i) => {
    if (intent.kind === 'entry') decisions[i] = evaluateEntry({ intent, ctx, config, readings, book });
  });
  return decisions as RiskDecision[];
}
