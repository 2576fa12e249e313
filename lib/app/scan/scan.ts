import type { MarketData } from '../../ports/market-data.port.ts';
import type { NewsStore } from '../../ports/news-store.port.ts';
import type { AnalysisStore, StoredCandidate } from '../../ports/analysis-store.port.ts';
import type { Clock } from '../../ports/clock.port.ts';
import { rankCandidates, type ScannerConfig } from '../../strategy/scanner/rank.ts';
import { newYorkDate, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { calendarDay } from '../../domain/calendar/nyse-calendar.ts';
import type { UniverseConfig } from './universe.ts';
import type { indexUniverse } from './universe-index.ts';
import { scanInputs, type ScanMarket, type SharedScanInputs } from './scan-inputs.ts';

export type { ScanMarket } from './scan-inputs.ts';

export interface ScanDeps {
  marketData: MarketData;
  news: NewsStore;
  analysis: AnalysisStore;
  clock: Clock;
  /** Indexes the universe (a cache of it in a warm container); `indexUniverse` when absent. */
  universeIndex?: typeof indexUniverse;
  /** The inputs shared with other runs over the same history and news (optimiser trials of one worker); computed by this scan otherwise. */
  sharedInputs?: SharedScanInputs;
}

export interface ScanReport {
  universe: number;
  withNews: number;
  candidates: StoredCandidate[];
  excluded: { symbol: string; reason: string }[];
  /** Market-data calls this scan made (pages included). */
  dataCalls: number;
}

/**
 * Where the day's relative volume is measured from, and over how long a day: the regular open and a
 * 390-minute session for stocks (0 minutes on a day without a session), New York midnight and 24 hours for
 * crypto (daily crypto bars are cut at New York midnight).
 */
export function minutesIntoDay(now: number, market: ScanMarket): { minutesSinceOpen: number; sessionMinutes: number } {
  const date = newYorkDate(now);
  if (market === 'crypto') return { minutesSinceOpen: Math.max(0, (now - newYorkTime(date, '00:00')) / 60_000), sessionMinutes: 24 * 60 };
  const today = calendarDay(date);
  return { minutesSinceOpen: today ? Math.max(0, (now - today.open) / 60_000) : 0, sessionMinutes: 390 };
}

/**
 * Ranks one market of the universe by catalyst: the news known now (point in time), then snapshots and
 * daily statistics of only the symbols with news, in multi-symbol calls (scan-inputs.ts). Candidates are stored with their
 * features and reasons for the cycle. Crypto pairs have no price band (a coin's price says nothing about
 * its quality, as in the risk gate's minimum price), and their day starts at New York midnight.
 */
export async function scan(deps: ScanDeps, cycleId: number, universeConfig: UniverseConfig, config: ScannerConfig, newsWindowMinutes: number, market: ScanMarket = 'stocks'): Promise<ScanReport> {
  const now = deps.clock.now();
  const callsBefore = deps.marketData.stats?.().calls ?? 0;
  const { universe, inputs } = deps.sharedInputs
    ? await deps.sharedInputs(now, market, () => scanInputs(deps, now, universeConfig, newsWindowMinutes, market))
    : await scanInputs(deps, now, universeConfig, newsWindowMinutes, market);
  const { minutesSinceOpen, sessionMinutes } = minutesIntoDay(now, market);
  const ranked = rankCandidates(inputs, now, minutesSinceOpen, market === 'crypto' ? { ...config, minPrice: 0, maxPrice: Number.POSITIVE_INFINITY } : config, sessionMinutes);
  const candidates = await deps.analysis.saveCandidates(cycleId, now, ranked.candidates);
  return {
    universe,
    withNews: inputs.length,
    candidates,
    excluded: ranked.excluded,
    dataCalls: (deps.marketData.stats?.().calls ?? 0) - callsBefore,
  };
}
