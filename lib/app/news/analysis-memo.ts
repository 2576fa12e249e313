import type { Asset } from '../../domain/market.ts';
import type { NewsItem } from '../../domain/news.ts';
import type { NewsAnalysisRecord } from '../../ports/news-store.port.ts';
import { deepFreeze } from '../../shared/deep-freeze.ts';
import { setBounded } from '../../shared/bounded-map.ts';

type Analyse = (item: NewsItem, assets: readonly Asset[]) => NewsAnalysisRecord;


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
 * The `capacity` most recent items of the current asset list are kept; results are frozen (shared between calls).
 */
export function memoiseAnalysis(analyse: Analyse, capacity = 4096): Analyse {
  // The asset list a handler passes is re-read every minute: a new array with the same content keeps the memo.
  let current: { assets: readonly Asset[]; content: string; memo: Map<string, NewsAnalysisRecord> } | null = null;
  return (item, assets) => {
    if (current?.assets !== assets) {
      const content = JSON.stringify(assets);
      current = { assets, content, memo: current?.content === content ? current.memo : new Map() };
    }
    const memo = current.memo;
    const key = inputsOf(item);
    const known = memo.get(key);
    if (known) return known;
    const analysis = deepFreeze(analyse(item, assets));
    setBounded(memo, key, analysis, capacity);
    return analysis;
  };
}
