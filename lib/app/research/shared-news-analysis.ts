import type { Asset } from '../../domain/market.ts';
import type { NewsItem } from '../../domain/news.ts';
import type { NewsAnalysisRecord } from '../../ports/news-store.port.ts';
import { analyseItem } from '../news/analyse-item.ts';

export type NewsAnalyser = (item: NewsItem, assets: readonly Asset[]) => NewsAnalysisRecord;

/**
 * analyseItem shared by every trial of one study in one worker: an item's analysis reads only the item's
 * headline, summary, symbols and meta and the asset list (no tuned parameter: lib/config/parameter-space.ts
 * tunes sizing, scoring weights and thresholds, all applied after it), so each distinct (item, assets) is
 * analysed once. Every caller gets its own copy (a store may keep what it is given).
 */
export function sharedNewsAnalysis(analyse: NewsAnalyser = analyseItem): NewsAnalyser & { size(): number } {
  const fingerprints = new WeakMap<readonly Asset[], string>();
  const byAssets = new Map<string, Map<string, NewsAnalysisRecord>>();
  const shared = (item: NewsItem, assets: readonly Asset[]): NewsAnalysisRecord => {
    let fingerprint = fingerprints.get(assets);
    if (fingerprint === undefined) {
      fingerprint = JSON.stringify(assets);
      fingerprints.set(assets, fingerprint);
    }
    let records = byAssets.get(fingerprint);
    if (!records) byAssets.set(fingerprint, (records = new Map()));
    const key = JSON.stringify([item.headline, item.summary, item.symbols, item.meta ?? null]);
    let record = records.get(key);
    if (!record) records.set(key, (record = analyse(item, assets)));
    return structuredClone(record);
  };
  return Object.assign(shared, { size: () => [...byAssets.values()].reduce((n, m) => n + m.size, 0) });
}
