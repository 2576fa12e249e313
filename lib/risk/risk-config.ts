/**
 * Every limit of the risk gate in one place. Percentages are percent (0.5 means 0.5 %), spreads are basis
 * points, times are minutes or seconds as named. Each default says why it is what it is.
 */
export interface RiskConfig {
  /** Share of equity one trade may lose if its stop is hit. 0.5 %: twenty losers in a row cost 10 %. */
  riskPerTradePct: number;
  /** The stop sits this many ATRs from the entry, and that distance sets the size. 2: outside normal noise. */
  stopAtrMultiple: number;
  /** Floor on the stop distance, in bps of the entry price: a stale, tiny ATR cannot inflate the size. 30 bps. */
  minStopDistanceBps: number;
  /** Open positions plus pending entries, at most. 5: enough to diversify news risk, few enough to watch. */
  maxOpenPositions: number;
  /** One position's value, as a share of equity. 20 %: a gap through the stop costs a fraction of equity. */
  maxPositionPct: number;
  /** All positions' value, long plus short, as a share of equity. 100 %: no leverage, though margin allows 2×. */
  maxGrossExposurePct: number;
  /** Today's loss (realised plus intraday unrealised) that halts entries until the next session. 2 % of the previous close's equity. */
  dailyLossLimitPct: number;
  /** Fall from the equity high-water mark that moves trading to REDUCING. 10 %: time for a person to look. */
  maxDrawdownPct: number;
  /** Entries per catalyst story. 1: one story, one bet; a second entry doubles the same risk. */
  maxTradesPerNews: number;
  /** Minutes after an exit before the symbol may be entered again. 30: no revenge trading on the same chart. */
  cooldownAfterExitMinutes: number;
  /** No equity entries this close to the regular close. 15: a trade needs time to work before the flatten. */
  noEntryBeforeCloseMinutes: number;
  /** Equities below this price are refused. $5: below it, spreads, halts and non-marginable shares abound. */
  minPriceUsd: number;
  /** Widest quoted spread accepted, bps of the mid. 50: half a percent is already a quarter of a typical 1R. */
  maxSpreadBps: number;
  /** Least average daily dollar volume. $5M: room to get in and out without moving the price. */
  minAvgDollarVolumeUsd: number;
  /** An order's share of the average daily volume, at most. 1 %: our fills stay small next to the market. */
  maxShareOfAvgVolumePct: number;
  /** Oldest quote the gate trusts, in seconds. 60: a tick runs every minute; older prices are guesses. */
  maxQuoteAgeSeconds: number;
  /**
   * An equity with no trade for this many minutes of the open session counts as halted (Alpaca's REST API
   * has no halt flag). 10: a LULD pause lasts 5, and the symbols the gate admits trade every few seconds.
   */
  haltNoTradeMinutes: number;
  /** Whether short entries are allowed at all (they still need a shortable, easy-to-borrow equity). Yes: news cuts both ways. */
  allowShorts: boolean;
}

/** The defaults, documented field by field on `RiskConfig`. */
export const DEFAULT_RISK_CONFIG: Readonly<RiskConfig> = Object.freeze({
  riskPerTradePct: 0.5,
  stopAtrMultiple: 2,
  minStopDistanceBps: 30,
  maxOpenPositions: 5,
  maxPositionPct: 20,
  maxGrossExposurePct: 100,
  dailyLossLimitPct: 2,
  maxDrawdownPct: 10,
  maxTradesPerNews: 1,
  cooldownAfterExitMinutes: 30,
  noEntryBeforeCloseMinutes: 15,
  minPriceUsd: 5,
  maxSpreadBps: 50,
  minAvgDollarVolumeUsd: 5_000_000,
  maxShareOfAvgVolumePct: 1,
  maxQuoteAgeSeconds: 60,
  haltNoTradeMinutes: 10,
  allowShorts: true,
});

/** Alpaca values a short sale at max(limit, ask × 1.03) when it reserves buying power. */
export const SHORT_BUYING_POWER_MARKUP = 1.03;

/** Named cross-field rules, each as a human sentence; an empty list means the configuration is usable. */
export function riskConfigProblems(config: RiskConfig): string[] {
  const problems: string[] = [];
  const numeric = Object.entries(config).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
  for (const [key, value] of numeric) {
    if (!Number.isFinite(value) || value < 0) problems.push(`${key} must be a finite number of at least 0 (got ${value}).`);
  }
  if (!(config.riskPerTradePct > 0)) problems.push('riskPerTradePct must be above 0, or no trade can ever be sized.');
  if (!(config.stopAtrMultiple > 0)) problems.push('stopAtrMultiple must be above 0: a stop at the entry has no distance to size from.');
  if (config.riskPerTradePct > config.dailyLossLimitPct) {
    problems.push(`riskPerTradePct (${config.riskPerTradePct} %) exceeds dailyLossLimitPct (${config.dailyLossLimitPct} %): one stopped trade would pass the daily limit.`);
  }
  if (config.maxPositionPct > config.maxGrossExposurePct) {
    problems.push(`maxPositionPct (${config.maxPositionPct} %) exceeds maxGrossExposurePct (${config.maxGrossExposurePct} %): one position could never reach its limit.`);
  }
  if (!Number.isInteger(config.maxOpenPositions) || !Number.isInteger(config.maxTradesPerNews)) {
    problems.push('maxOpenPositions and maxTradesPerNews are counts and must be whole numbers.');
  }
  return problems;
}
