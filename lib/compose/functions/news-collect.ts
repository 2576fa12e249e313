import { worker } from '../worker.ts';
import { CollectContract } from '../../app/coordinator/contracts.ts';
import { collectNews } from '../../app/news/collect-news.ts';
import { analyseItem } from '../../app/news/analyse-item.ts';
import { assetListCache } from '../../app/news/asset-list-cache.ts';
import { memoiseAnalysis } from '../../app/news/analysis-memo.ts';
import { newsSources } from '../news-sources.ts';
import { analysisStore, newsStore } from '../stores.ts';
import { tradingClock } from '../clock.ts';
import type { Runtime } from '../runtime.ts';

function setup(rt: Runtime) {
  const clock = tradingClock(rt);
  // The asset list changes once a day: kept for a minute of the trading clock within a warm container.
  const assets = assetListCache(clock, () => analysisStore(rt).assets({ tradableOnly: true }));
  return { sources: newsSources(rt), store: newsStore(rt), analyse: rt.overrides.newsAnalysis ?? memoiseAnalysis(analyseItem), assets, clock, log: rt.logger };
}

/** news/collect: pulls every configured source, analyses and stores every new version. */
export const { main, create } = worker(CollectContract, setup, async (_input, { deps }) => {
  const report = await collectNews(deps, { lookbackMs: 6 * 3_600_000, overlapMs: 10 * 60_000, sourceTimeoutMs: 10_000 });
  // A literal, not a spread of the ingest report plus a key: that gives nearly every answer its own hidden
  // class, and the contract's check of the answer then runs several times slower on every collect.
  const ingest = report.ingest;
  return { inserted: ingest.inserted, duplicates: ingest.duplicates, newStories: ingest.newStories, skipped: ingest.skipped, sources: report.sources };
});
