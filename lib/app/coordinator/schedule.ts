import type { EpochMs, IsoDate } from '../../domain/time.ts';
import type { CalendarDay } from '../../domain/market.ts';
import { MINUTE_MS } from '../../domain/time.ts';

import { STAGES, type Stage, type StageRun } from '../../domain/cycle-stages.ts';

export { STAGES, type Stage, type StageRun };

export interface ScheduleConfig {
  newsEveryMinutes: number;
  scanEveryMinutes: number;
  /** Minutes after the open before the first scan (the opening auction's noise). */
  firstScanAfterOpenMinutes: number;
  /** No new entries this close to the close. */
  noEntryBeforeCloseMinutes: number;
  /** Flatten every position this many minutes before the close; null to hold overnight. */
  flattenBeforeCloseMinutes: number | null;
  cryptoEnabled: boolean;
  cryptoEveryMinutes: number;
}

export const DEFAULT_SCHEDULE: ScheduleConfig = {
  newsEveryMinutes: 2,
  scanEveryMinutes: 5,
  firstScanAfterOpenMinutes: 1,
  noEntryBeforeCloseMinutes: 15,
  flattenBeforeCloseMinutes: 5,
  cryptoEnabled: false,
  cryptoEveryMinutes: 15,
};

export interface DueStage {
  stage: Stage;
  why: string;
}

/**
 * Whole minutes since the stage last ran, by the minute each run fell in: on a clock that moves while the tick
 * runs (npm start's, 60x real time) a stage starts some simulated seconds into its minute, and exact differences
 * put "every 5 minutes" on a 6-minute grid; the cron fires once a minute, so the minute is the unit.
 */
function minutesSince(runs: Partial<Record<Stage, StageRun>>, s: Stage, now: EpochMs): number {
  const last = runs[s]?.lastRunAt ?? null;
  return last === null ? Infinity : Math.floor(now / MINUTE_MS) - Math.floor(last / MINUTE_MS);
}

// The entries whose reasons depend only on the schedule: built once per schedule's numbers and shared (frozen)
// by every tick rather than printed again each tick. A config changed in place gets entries of its new numbers.
interface ScheduleEntries {
  newsEveryMinutes: number;
  scanEveryMinutes: number;
  flattenBeforeCloseMinutes: number | null;
  cryptoEveryMinutes: number;
  news: DueStage;
  scan: DueStage;
  flatten: DueStage;
  crypto: DueStage;
}

const entry = (stage: Stage, why: string): DueStage => Object.freeze({ stage, why });
const RECONCILE = entry('reconcile', 'every tick: the broker is the truth');
const ANALYZE = entry('analyze', 'after the scan');
const EXECUTE = entry('execute', 'after the analysis');
const EXITS_IN_SESSION = entry('manage_exits', 'every tick in the session');
const EXITS_OUTSIDE = entry('manage_exits', 'every tick outside the session: the crypto pairs');
const entriesByConfig = new WeakMap<ScheduleConfig, ScheduleEntries>();

function entriesOf(config: ScheduleConfig): ScheduleEntries {
  const known = entriesByConfig.get(config);
  if (known && known.newsEveryMinutes === config.newsEveryMinutes && known.scanEveryMinutes === config.scanEveryMinutes && known.flattenBeforeCloseMinutes === config.flattenBeforeCloseMinutes && known.cryptoEveryMinutes === config.cryptoEveryMinutes) return known;
  const entries: ScheduleEntries = {
    newsEveryMinutes: config.newsEveryMinutes,
    scanEveryMinutes: config.scanEveryMinutes,
    flattenBeforeCloseMinutes: config.flattenBeforeCloseMinutes,
    cryptoEveryMinutes: config.cryptoEveryMinutes,
    news: entry('news', `every ${config.newsEveryMinutes} min around the clock`),
    scan: entry('scan', `every ${config.scanEveryMinutes} min in the trading window`),
    flatten: entry('flatten', `${config.flattenBeforeCloseMinutes} min before the close`),
    crypto: entry('crypto', `every ${config.cryptoEveryMinutes} min around the clock`),
  };
  entriesByConfig.set(config, entries);
  return entries;
}

/**
 * What is due at `now`: reconcile every tick; news every N minutes around the clock; the universe once a
 * trading day before the open (every day when crypto is on); scan → analyze → execute every M minutes inside the trading window; exit
 * management every tick in the session (and of the crypto pairs outside it, when crypto is on); flatten before the close; the daily report once after the close;
 * the crypto cycle (scan → analyze → entries → exits on the crypto pairs) every K minutes around the clock.
 * Pure: the coordinator records what ran and asks again next tick.
 */
export function dueStages(
  now: EpochMs,
  today: CalendarDay | null,
  todayDate: IsoDate,
  runs: Partial<Record<Stage, StageRun>>,
  config: ScheduleConfig,
): DueStage[] {
  const e = entriesOf(config);
  const due: DueStage[] = [RECONCILE];
  if (runs.refresh_universe?.lastDay !== todayDate && (today ? now < today.close : config.cryptoEnabled)) {
    // Crypto's days never stop: with crypto on, its statistics are refreshed on weekends and holidays too.
    due.push({ stage: 'refresh_universe', why: `first tick of ${todayDate}: refresh assets and daily statistics` });
  }
  if (minutesSince(runs, 'news', now) >= config.newsEveryMinutes) {
    due.push(e.news);
  }
  const inSession = today !== null && now >= today.open && now < today.close;
  const windowStart = today ? today.open + config.firstScanAfterOpenMinutes * MINUTE_MS : 0;
  const windowEnd = today ? today.close - config.noEntryBeforeCloseMinutes * MINUTE_MS : 0;
  if (today && now >= windowStart && now < windowEnd && minutesSince(runs, 'scan', now) >= config.scanEveryMinutes) {
    due.push(e.scan, ANALYZE, EXECUTE);
  }
  if (inSession) due.push(EXITS_IN_SESSION);
  // Crypto pairs have no stop at the broker: outside the session their exits are still checked every tick.
  else if (config.cryptoEnabled) due.push(EXITS_OUTSIDE);
  const flattenAt = today && config.flattenBeforeCloseMinutes !== null ? today.close - config.flattenBeforeCloseMinutes * MINUTE_MS : null;
  if (flattenAt !== null && today && now >= flattenAt && now < today.close) {
    due.push(e.flatten);
  }
  if (today && now >= today.close && runs.daily_report?.lastDay !== todayDate) {
    due.push({ stage: 'daily_report', why: `after the close of ${todayDate}` });
  }
  if (config.cryptoEnabled && minutesSince(runs, 'crypto', now) >= config.cryptoEveryMinutes) {
    due.push(e.crypto);
  }
  return due;
}
