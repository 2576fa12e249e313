import type { Env } from '../config/env.schema.ts';
import { DEFAULT_RISK_CONFIG, type RiskConfig } from '../risk/risk-config.ts';
import { DEFAULT_EXIT_RULES_CONFIG, type ExitRulesConfig } from '../risk/exit-rules-config.ts';
import { DEFAULT_SCANNER, type ScannerConfig } from '../strategy/scanner/rank.ts';
import { DEFAULT_STRATEGY, type StrategyParams } from '../strategy/decide/strategy-types.ts';
import { DEFAULT_SCHEDULE, type ScheduleConfig } from '../app/coordinator/schedule.ts';
import type { UniverseConfig } from '../app/scan/universe.ts';
import type { ExecuteConfig } from '../app/trading/execute-entries.ts';

/**
 * The risk limits: the configured ones over the risk engine's documented defaults. The gate's minimum price
 * and dollar volume are its own ($5, $5M), never the scanner's wider floors: the scanner may look at more
 * than the gate lets through, and the gate says why it refused.
 */
export function riskConfig(env: Env): RiskConfig {
  return {
    ...DEFAULT_RISK_CONFIG,
    riskPerTradePct: env.RISK_PER_TRADE_PCT,
    maxOpenPositions: env.MAX_OPEN_POSITIONS,
    maxPositionPct: env.MAX_POSITION_PCT,
    dailyLossLimitPct: env.DAILY_LOSS_LIMIT_PCT,
    maxDrawdownPct: env.MAX_DRAWDOWN_PCT,
    noEntryBeforeCloseMinutes: env.NO_ENTRY_BEFORE_CLOSE_MINUTES,
    allowShorts: env.ALLOW_SHORTS,
  };
}

export function exitRulesConfig(env: Env): ExitRulesConfig {
  return { ...DEFAULT_EXIT_RULES_CONFIG, flattenBeforeCloseMinutes: env.FLATTEN_BEFORE_CLOSE_MINUTES };
}

export function scannerConfig(env: Env): ScannerConfig {
  return {
    ...DEFAULT_SCANNER,
    topN: env.SCANNER_TOP_N,
    minPrice: env.SCANNER_MIN_PRICE,
    maxPrice: env.SCANNER_MAX_PRICE,
    minAvgDollarVolume: env.SCANNER_MIN_DOLLAR_VOLUME,
    allowShorts: env.ALLOW_SHORTS,
    halfLifeMinutes: env.SCANNER_NEWS_HALF_LIFE_MINUTES,
    minCatalyst: env.SCANNER_MIN_CATALYST,
  };
}

/** The signal's settings: the configured ones over the strategy's defaults. */
export function strategyParams(env: Env): StrategyParams {
  return {
    ...DEFAULT_STRATEGY,
    allowShorts: env.ALLOW_SHORTS,
    minScore: env.STRATEGY_MIN_SCORE,
    stopAtr: env.STRATEGY_STOP_ATR,
    rewardRisk: env.STRATEGY_REWARD_RISK,
    weights: { news: env.STRATEGY_WEIGHT_NEWS, setup: env.STRATEGY_WEIGHT_SETUP, pattern: env.STRATEGY_WEIGHT_PATTERN, trend: env.STRATEGY_WEIGHT_TREND },
  };
}

export function scheduleConfig(env: Env): ScheduleConfig {
  return {
    ...DEFAULT_SCHEDULE,
    newsEveryMinutes: env.NEWS_EVERY_MINUTES,
    scanEveryMinutes: env.SCAN_EVERY_MINUTES,
    firstScanAfterOpenMinutes: env.FIRST_SCAN_AFTER_OPEN_MINUTES,
    noEntryBeforeCloseMinutes: env.NO_ENTRY_BEFORE_CLOSE_MINUTES,
    flattenBeforeCloseMinutes: env.FLATTEN_BEFORE_CLOSE_MINUTES,
    cryptoEnabled: env.CRYPTO_ENABLED,
  };
}

export function universeConfig(env: Env): UniverseConfig {
  return { symbols: env.UNIVERSE_SYMBOLS, exchanges: env.UNIVERSE_EXCHANGES, cryptoEnabled: env.CRYPTO_ENABLED };
}

export function executeConfig(env: Env): ExecuteConfig {
  return { risk: riskConfig(env), exits: exitRulesConfig(env), strategy: 'catalyst', bucketMs: env.SCAN_EVERY_MINUTES * 60_000 };
}
