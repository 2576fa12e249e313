import type { Asset } from '../../domain/market.ts';
import type { NewsItem } from '../../domain/news.ts';
import type { NewsAnalysisRecord } from '../../ports/news-store.port.ts';
import { analyseItem } from '../news/analyse-item.ts';
import { deepFreeze } from '../../shared/deep-freeze.ts';

export type NewsAnalyser = (item: NewsItem, assets: readonly Asset[]) => NewsAnalysisRecord;


/** One analysed item: what the analysis read of it besides its headline, and the record. */
interface Analysed {
  summary: string;
  symbols: readonly string[];
  /** The meta serialised, null without one (a falsy meta is no meta). */
  meta: string | null;
  record: NewsAnalysisRecord;
}

const metaOf = (item: NewsItem) => (item.meta ? JSON.stringify(item.meta) : null);

/** The same inputs as `item`'s: its summary, symbols (in order) and meta (its headline is the key it was found by). */
function sameInputs(kept: Analysed, item: NewsItem): boolean {
  if (kept.summary !== item.summary || kept.symbols.length !== item.symbols.length) return false;
  for (let i = 0; i < kept.symbols.length; i++) if (kept.symbols[i] !== item.symbols[i]) return false;
  return kept.meta === metaOf(item);
}

/**
 * analyseItem shared by every trial of one study in one worker: an item's analysis reads only the item's
 * headline, summary, symbols and meta and the asset list (no tuned parameter: lib/config/parameter-space.ts
 * tunes sizing, scoring weights and thresholds, all applied after it), so each distinct (item, assets) is
 * analysed once. Records are deep-frozen and handed to every caller as they are, as news/collect's own memo
 * does: a store that tried to change one would throw rather than change another trial's news.
 */
export function sharedNewsAnalysis(analyse: NewsAnalyser = analyseItem): NewsAnalyser & { size(): number } {
  const fingerprints = new WeakMap<readonly Asset[], Map<string, Analysed[]>>();
  const byAssets = new Map<string, Map<string, Analysed[]>>();
  const shared = (item: NewsItem, assets: readonly Asset[]): NewsAnalysisRecord => {
    // A trial's asset list is one array while its content stands (assetListCache): its content is read once.
    let records = fingerprints.get(assets);
    if (!records) {
      const fingerprint = JSON.stringify(assets);
      records = byAssets.get(fingerprint);
      if (!records) byAssets.set(fingerprint, (records = new Map()));
      fingerprints.set(assets, records);
    }
    // Found by headline (a replayed item's headline is the same string every poll, its hash computed once), then compared field by field.
    let kept = records.get(item.headline);
    if (!kept) records.set(item.headline, (kept = []));
    const hit = kept.find((k) => sameInputs(k, item));
    if (hit) return hit.record;
    const record = deepFreeze(analyse(item, assets));
    kept.push({ summary: item.summary, symbols: [...item.symbols], meta: metaOf(item), record });
    return record;
  };
  return Object.assign(shared, { size: () => [...byAssets.values()].reduce((n, m) => n + [...m.values()].reduce((k, list) => k + list.length, 0), 0) });
}
