import { worker } from '../../../lib/compose/worker.ts';
import { CollectContract } from '../../../lib/app/coordinator/contracts.ts';
import { collectNews } from '../../../lib/app/news/collect-news.ts';
import { analyseItem } from '../../../lib/app/news/analyse-item.ts';
import { assetListCache } from '../../../lib/app/news/asset-list-cache.ts';
import { memoiseAnalysis } from '../../../lib/app/news/analysis-memo.ts';
import { newsSources } from '../../../lib/compose/news-sources.ts';
import { analysisStore, newsStore } from '../../../lib/compose/stores.ts';
import { tradingClock } from '../../../lib/compose/clock.ts';
import type { Runtime } from '../../../lib/compose/runtime.ts';

function setup(rt: Runtime) {
  const clock = tradingClock(rt);
  // The asset list changes once a day: kept for a minute of the trading clock within a warm container.
  const assets = assetListCache(clock, () => analysisStore(rt).assets({ tradableOnly: true }));
  return { sources: newsSources(rt), store: newsStore(rt), analyse: rt.overrides.newsAnalysis ?? memoiseAnalysis(analyseItem), assets, clock, log: rt.logger };
}

/** news/collect: pulls every configured source, analyses and stores every new version. */
export const { main, create } = worker(CollectContract, setup, async (_input, { deps }) => {
  const report = await collectNews(deps, { lookbackMs: 6 * 3_600_000, overlapMs: 10 * 60_000, sourceTimeoutMs: 10_000 });
  return { ...report.ingest, sources: report.sources };
});
