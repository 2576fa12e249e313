/** Limits of position management, in R (one R = the distance from the entry to the initial stop) and minutes. */
export interface ExitRulesConfig {
  /** The take-profit sits this many R beyond the entry. 2: a 40 % hit rate still pays. */
  takeProfitR: number;
  /** The stop starts to trail once the trade has gone this many R its way. 1: from there a winner never turns into a loser. */
  trailStartR: number;
  /** The trailed stop stays this many R behind the best price since entry. 1: at +1R the stop reaches breakeven. */
  trailDistanceR: number;
  /** Smallest stop move worth a replace order, in R. 0.1: no churn of orders for a few cents. */
  minStopStepR: number;
  /** Minutes a trade may stay open. 120: a news catalyst has done its work (or not) within two hours. */
  maxHoldMinutes: number;
  /** Minutes before the regular close (early closes included) at which equity positions are flattened. 10: time to fill before the closing auction. */
  flattenBeforeCloseMinutes: number;
  /** Least score (0..1) of an opposite signal that closes the trade. 0.6: a clear reversal, not noise. */
  reversalMinScore: number;
  /** Oldest signal that still counts, in minutes. 5: the signal must be about the current market. */
  maxSignalAgeMinutes: number;
}

/** The defaults, documented field by field on `ExitRulesConfig`. */
export const DEFAULT_EXIT_RULES_CONFIG: Readonly<ExitRulesConfig> = Object.freeze({
  takeProfitR: 2,
  trailStartR: 1,
  trailDistanceR: 1,
  minStopStepR: 0.1,
  maxHoldMinutes: 120,
  flattenBeforeCloseMinutes: 10,
  reversalMinScore: 0.6,
  maxSignalAgeMinutes: 5,
});
