import type { Asset } from '../../domain/market.ts';
import type { NewsItem } from '../../domain/news.ts';
import type { NewsAnalysisRecord } from '../../ports/news-store.port.ts';

type Analyse = (item: NewsItem, assets: readonly Asset[]) => NewsAnalysisRecord;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** What the analysis reads of an item: two items with the same key get the same analysis. */
const inputsOf = (item: NewsItem): string => {
  // Length-prefixed, so no text can pass for another split of the same characters.
  let key = `${item.headline.length}:${item.headline}${item.summary.length}:${item.summary}${item.symbols.length}`;
  for (const s of item.symbols) key += `:${s.length}:${s}`;
  return item.meta ? `${key}|${JSON.stringify(item.meta)}` : key;
};

/**
 * Wraps a pure item analysis so each distinct item (same text, tickers and extras, against the same asset
 * list) is analysed once: every poll re-reads the last minutes of news to catch late edits, so the same
 * version comes back on many ticks (about a hundred times in a backtest) and was scored again each time.
 * The `capacity` most recent items are kept per asset list; results are frozen (shared between calls).
 */
export function memoiseAnalysis(analyse: Analyse, capacity = 4096): Analyse {
  const byAssets = new WeakMap<readonly Asset[], Map<string, NewsAnalysisRecord>>();
  return (item, assets) => {
    let memo = byAssets.get(assets);
    if (!memo) byAssets.set(assets, (memo = new Map()));
    const key = inputsOf(item);
    const known = memo.get(key);
    if (known) return known;
    const analysis = deepFreeze(analyse(item, assets));
    memo.set(key, analysis);
    if (memo.size > capacity) memo.delete(memo.keys().next().value!);
    return analysis;
  };
}
