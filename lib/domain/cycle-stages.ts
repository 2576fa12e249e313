import type { EpochMs, IsoDate } from './time.ts';

/** The stages a tick can run, in the order they run. */
export const STAGES = ['reconcile', 'refresh_universe', 'news', 'scan', 'analyze', 'execute', 'manage_exits', 'flatten', 'daily_report', 'crypto'] as const;
export type Stage = (typeof STAGES)[number];

/** When a stage last ran (the cycle store keeps it; the schedule reads it). */
export interface StageRun {
  lastRunAt: EpochMs | null;
  lastDay: IsoDate | null;
}
