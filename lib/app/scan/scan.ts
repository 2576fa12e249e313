import type { MarketData } from '../../ports/market-data.port.ts';
import type { NewsStore } from '../../ports/news-store.port.ts';
import type { AnalysisStore, StoredCandidate } from '../../ports/analysis-store.port.ts';
import type { Clock } from '../../ports/clock.port.ts';
import type { ScannerNews } from '../../strategy/scanner/catalyst-score.ts';
import { rankCandidates, type ScanInput, type ScannerConfig } from '../../strategy/scanner/rank.ts';
import { newYorkDate, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { calendarDay } from '../../domain/calendar/nyse-calendar.ts';
import type { UniverseConfig } from './universe.ts';
import { indexUniverse, tagOf } from './universe-index.ts';
import { scoreFor } from '../news/score-for.ts';

/** Which market a scan ranks: the US equities of the universe, or its crypto pairs. */
export type ScanMarket = 'stocks' | 'crypto';

export interface ScanDeps {
  marketData: MarketData;
  news: NewsStore;
  analysis: AnalysisStore;
  clock: Clock;
  /** Indexes the universe (a cache of it in a warm container); `indexUniverse` when absent. */
  universeIndex?: typeof indexUniverse;
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
 * daily statistics of only the symbols with news, in multi-symbol calls. Candidates are stored with their
 * features and reasons for the cycle. Crypto pairs have no price band (a coin's price says nothing about
 * its quality, as in the risk gate's minimum price), and their day starts at New York midnight.
 */
export async function scan(deps: ScanDeps, cycleId: number, universeConfig: UniverseConfig, config: ScannerConfig, newsWindowMinutes: number, market: ScanMarket = 'stocks'): Promise<ScanReport> {
  const now = deps.clock.now();
  const callsBefore = deps.marketData.stats?.().calls ?? 0;
  const assetClass = market === 'crypto' ? 'crypto' : 'us_equity';
  const { universe, bySymbol, byTag } = (deps.universeIndex ?? indexUniverse)(await deps.analysis.assets({ tradableOnly: true }), universeConfig, assetClass);
  const items = await deps.news.latestKnown({ knownAt: now, publishedAfter: now - newsWindowMinutes * 60_000, limit: 20_000 });
  const newsOf = new Map<string, ScannerNews[]>();
  for (const it of items) {
    for (const s of new Set(it.allSymbols.map((tag) => byTag.get(tagOf(tag))))) {
      if (s === undefined) continue;
      const list = newsOf.get(s) ?? [];
      list.push({
        itemId: it.id, storyId: it.storyId, headline: it.headline, publishedAt: it.publishedAt, sentimentScore: scoreFor(it.analysis, s, tagOf),
        catalystType: it.analysis.catalystType, catalystWeight: it.analysis.catalystWeight, catalystBlocksLong: it.analysis.catalystBlocksLong,
      });
      newsOf.set(s, list);
    }
  }
  const symbols = [...newsOf.keys()].sort();
  const [snapshots, stats] = symbols.length
    ? await Promise.all([deps.marketData.getSnapshots(symbols), deps.analysis.stats(symbols)])
    : [new Map(), new Map()];
  const inputs: ScanInput[] = symbols.map((symbol) => {
    const snap = snapshots.get(symbol);
    const st = stats.get(symbol);
    return {
      symbol,
      shortable: bySymbol.get(symbol)!.shortable && bySymbol.get(symbol)!.easyToBorrow,
      news: newsOf.get(symbol)!,
      lastPrice: snap?.latestTrade?.price ?? snap?.minuteBar?.c ?? null,
      bidPrice: snap?.latestQuote?.bidPrice ?? null,
      askPrice: snap?.latestQuote?.askPrice ?? null,
      volumeToday: snap?.dailyBar?.v ?? 0,
      openToday: snap?.dailyBar?.o ?? null,
      prevClose: snap?.prevDailyBar?.c ?? st?.prevClose ?? null,
      avgVolume20d: st?.avgVolume20d ?? null,
      avgDollarVolume20d: st?.avgDollarVolume20d ?? null,
    };
  });
  const { minutesSinceOpen, sessionMinutes } = minutesIntoDay(now, market);
  const ranked = rankCandidates(inputs, now, minutesSinceOpen, market === 'crypto' ? { ...config, minPrice: 0, maxPrice: Number.POSITIVE_INFINITY } : config, sessionMinutes);
  const candidates = await deps.analysis.saveCandidates(cycleId, now, ranked.candidates);
  return {
    universe: universe.length,
    withNews: symbols.length,
    candidates,
    excluded: ranked.excluded,
    dataCalls: (deps.marketData.stats?.().calls ?? 0) - callsBefore,
  };
}
