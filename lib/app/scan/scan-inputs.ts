import type { EpochMs } from '../../domain/time.ts';
import type { ScanInput } from '../../strategy/scanner/rank.ts';
import type { ScannerNews } from '../../strategy/scanner/catalyst-score.ts';
import type { UniverseConfig } from './universe.ts';
import type { MarketData } from '../../ports/market-data.port.ts';
import type { NewsStore } from '../../ports/news-store.port.ts';
import type { AnalysisStore } from '../../ports/analysis-store.port.ts';
import { indexUniverse, tagOf } from './universe-index.ts';
import { scoreFor } from '../news/score-for.ts';

/** Which market a scan ranks: the US equities of the universe, or its crypto pairs. */
export type ScanMarket = 'stocks' | 'crypto';

/** What the inputs are read from (scan.ts ScanDeps). */
export interface ScanInputsDeps {
  marketData: MarketData;
  news: NewsStore;
  analysis: AnalysisStore;
  universeIndex?: typeof indexUniverse;
}

/** What a scan ranks at one instant: the universe's size and one input per symbol with news (sorted by symbol). */
export interface ScanInputs {
  universe: number;
  inputs: readonly ScanInput[];
}

/**
 * The scan's inputs shared by runs that know the same news and read the same history at `at` (optimiser
 * trials of one worker over one window): the first run computes them, the others are answered (frozen).
 */
export type SharedScanInputs = (at: EpochMs, market: ScanMarket, compute: () => Promise<ScanInputs>) => Promise<ScanInputs>;

/**
 * The news known at `now` (point in time) grouped by the universe's symbols, then snapshots and daily
 * statistics of only the symbols with news, in multi-symbol calls. No scanner setting enters them: the
 * ranking's thresholds and weights are applied after.
 */
export async function scanInputs(deps: ScanInputsDeps, now: EpochMs, universeConfig: UniverseConfig, newsWindowMinutes: number, market: ScanMarket): Promise<ScanInputs> {
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
  return { universe: universe.length, inputs };
}
