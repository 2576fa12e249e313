import type { Account, Position } from '../domain/orders.ts';
import type { RiskConfig } from './risk-config.ts';

/** The account-level numbers the loss limits and the trading state are judged on. */
export interface RiskReadings {
  equityUsd: number;
  /** Equity at the previous session's close: the base of the daily loss limit. */
  startOfDayEquityUsd: number;
  /** Realised today plus the intraday unrealised P&L of open positions. */
  dailyPnlUsd: number;
  /** max(0, −dailyPnlUsd). */
  dailyLossUsd: number;
  dailyLossLimitUsd: number;
  /** The recorded high-water mark, or today's equity when that is higher. */
  highWaterMarkUsd: number;
  drawdownUsd: number;
  drawdownPct: number;
  drawdownLimitUsd: number;
}

export interface ReadingsInput {
  account: Account;
  positions: readonly Position[];
  realizedPnlTodayUsd: number;
  equityHighWaterMarkUsd: number;
}

/** Derives today's P&L and the drawdown from the account, positions and the recorded figures. */
export function riskReadings(input: ReadingsInput, config: Pick<RiskConfig, 'dailyLossLimitPct' | 'maxDrawdownPct'>): RiskReadings {
  const equityUsd = input.account.equity;
  // A fresh account has no previous close yet; today's equity is then the base.
  const startOfDayEquityUsd = input.account.lastEquity > 0 ? input.account.lastEquity : equityUsd;
  const unrealizedTodayUsd = input.positions.reduce((sum, p) => sum + p.unrealizedIntradayPl, 0);
  const dailyPnlUsd = input.realizedPnlTodayUsd + unrealizedTodayUsd;
  const highWaterMarkUsd = Math.max(input.equityHighWaterMarkUsd, equityUsd);
  const drawdownUsd = highWaterMarkUsd - equityUsd;
  return {
    equityUsd,
    startOfDayEquityUsd,
    dailyPnlUsd,
    dailyLossUsd: Math.max(0, -dailyPnlUsd),
    dailyLossLimitUsd: (startOfDayEquityUsd * config.dailyLossLimitPct) / 100,
    highWaterMarkUsd,
    drawdownUsd,
    drawdownPct: highWaterMarkUsd > 0 ? (drawdownUsd / highWaterMarkUsd) * 100 : 0,
    drawdownLimitUsd: (highWaterMarkUsd * config.maxDrawdownPct) / 100,
  };
}

/** True when today's loss has reached the daily limit. */
export function dailyLossLimitReached(r: RiskReadings): boolean {
  return r.dailyLossUsd >= r.dailyLossLimitUsd;
}

/** True when the fall from the high-water mark has reached the drawdown limit. */
export function drawdownLimitReached(r: RiskReadings): boolean {
  return r.drawdownUsd >= r.drawdownLimitUsd && r.drawdownUsd > 0;
}
