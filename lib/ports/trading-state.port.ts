import type { TradingStatus } from '../risk/trading-state.ts';
import type { EpochMs } from '../domain/time.ts';

/** Facts the risk gate needs from our records (not the broker's). */
export interface RiskFacts {
  realizedPnlTodayUsd: number;
  recentExits: { symbol: string; exitedAt: EpochMs }[];
  /** Entries made (sent and not failed) per catalyst story id. */
  entriesPerStory: Record<string, number>;
}

/** The trading state (ACTIVE, REDUCING, HALTED) with its history, and the equity high-water mark. */
export interface TradingStateStore {
  load(): Promise<{ status: TradingStatus; equityHighWaterUsd: number | null }>;
  /** Saves the new status (and its transitions, each with who caused it) and the high-water mark. */
  save(status: TradingStatus, transitions: readonly TradingStatus[], equityHighWaterUsd: number, by: string, fence: number | null): Promise<void>;
  /** Resets the high-water mark to the current equity (the operator acknowledges a drawdown). */
  resetHighWater(equityUsd: number, by: string, at: EpochMs, fence: number | null): Promise<void>;
  riskFacts(dayStart: EpochMs, now: EpochMs, cooldownMinutes: number): Promise<RiskFacts>;
}
