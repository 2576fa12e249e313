import type { Asset } from '../../domain/market.ts';
import type { NewsItem } from '../../domain/news.ts';
import type { NewsAnalysisRecord } from '../../ports/news-store.port.ts';
import { analyseItem } from '../news/analyse-item.ts';
import { deepFreeze } from '../../shared/deep-freeze.ts';

export type NewsAnalyser = (item: NewsItem, assets: readonly Asset[]) => NewsAnalysisRecord;


/** What the analysis reads of an item, length-prefixed so no text can pass for another split of the same characters. */
function inputsOf(item: NewsItem): string {
  let key = `${item.headline.length}:${item.headline}${item.summary.length}:${item.summary}${item.symbols.length}`;
  for (const s of item.symbols) key += `:${s.length}:${s}`;
  return item.meta ? `${key}|${JSON.stringify(item.meta)}` : key;
}

/**
 * analyseItem shared by every trial of one study in one worker: an item's analysis reads only the item's
 * headline, summary, symbols and meta and the asset list (no tuned parameter: lib/config/parameter-space.ts
 * tunes sizing, scoring weights and thresholds, all applied after it), so each distinct (item, assets) is
 * analysed once. Records are deep-frozen and handed to every caller as they are, as news/collect's own memo
 * does: a store that tried to change one would throw rather than change another trial's news.
 */
export function sharedNewsAnalysis(analyse: NewsAnalyser = analyseItem): NewsAnalyser & { size(): number } {
  const fingerprints = new WeakMap<readonly Asset[], Map<string, NewsAnalysisRecord>>();
  const byAssets = new Map<string, Map<string, NewsAnalysisRecord>>();
  const shared = (item: NewsItem, assets: readonly Asset[]): NewsAnalysisRecord => {
    // A trial's asset list is one array while its content stands (assetListCache): its content is read once.
    let records = fingerprints.get(assets);
    if (!records) {
      const fingerprint = JSON.stringify(assets);
      records = byAssets.get(fingerprint);
      if (!records) byAssets.set(fingerprint, (records = new Map()));
      fingerprints.set(assets, records);
    }
    const key = inputsOf(item);
    let record = records.get(key);
    if (!record) records.set(key, (record = deepFreeze(analyse(item, assets))));
    return record;
  };
  return Object.assign(shared, { size: () => [...byAssets.values()].reduce((n, m) => n + m.size, 0) });
}
