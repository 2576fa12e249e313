import type { EpochMs } from '../domain/time.ts';
import type { AssetClass } from '../domain/market.ts';
import type { EntryApproval } from './decisions.ts';
import { DEFAULT_EXIT_RULES_CONFIG, type ExitRulesConfig } from './exit-rules-config.ts';
import type { BracketAction, EntryPlan } from './exit-rules-types.ts';
import { num, usd } from './risk-format.ts';

/**
 * The initial bracket of an approved entry: the stop the gate sized it with, and a take-profit
 * takeProfitR × R beyond the entry. Prices stay unrounded; the broker boundary rounds them (increments.ts).
 */
export function initialBracket(
  approval: Pick<EntryApproval, 'symbol' | 'side' | 'qty' | 'entryPriceUsd' | 'stopDistanceUsd'>,
  config: Pick<ExitRulesConfig, 'takeProfitR'> = DEFAULT_EXIT_RULES_CONFIG,
): BracketAction {
  const { symbol, side, qty, entryPriceUsd, stopDistanceUsd } = approval;
  const sign = side === 'long' ? 1 : -1;
  const stopLossUsd = entryPriceUsd - sign * stopDistanceUsd;
  const takeProfitUsd = entryPriceUsd + sign * config.takeProfitR * stopDistanceUsd;
  return {
    kind: 'place_bracket',
    symbol,
    side,
    orderSide: side === 'long' ? 'buy' : 'sell',
    qty,
    entryPriceUsd,
    stopLossUsd,
    takeProfitUsd,
    oneRUsd: stopDistanceUsd,
    reason: 'initial_bracket',
    message: `Enter ${side} ${num(qty)} ${symbol} near ${usd(entryPriceUsd)} with the stop at ${usd(stopLossUsd)} (1R = ${usd(stopDistanceUsd)}) and the target at ${usd(takeProfitUsd)} (${config.takeProfitR}R).`,
    inputs: { entryPriceUsd, stopDistanceUsd, takeProfitR: config.takeProfitR, side, qty },
  };
}

/**
 * The plan of a filled bracket: the stop and target stay where they were placed, and R is measured from
 * the actual fill, so slippage shows up as a smaller or larger R rather than a moved stop.
 */
export function entryPlanFromFill(bracket: BracketAction, fill: { avgPriceUsd: number; qty: number; filledAt: EpochMs; assetClass: AssetClass }): EntryPlan {
  return {
    symbol: bracket.symbol,
    assetClass: fill.assetClass,
    side: bracket.side,
    qty: fill.qty,
    entryPriceUsd: fill.avgPriceUsd,
    initialStopUsd: bracket.stopLossUsd,
    currentStopUsd: bracket.stopLossUsd,
    takeProfitUsd: bracket.takeProfitUsd,
    enteredAt: fill.filledAt,
  };
}

