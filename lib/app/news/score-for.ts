import type { NewsAnalysisRecord } from '../../ports/news-store.port.ts';

/**
 * The score a strategy trading `symbol` reads from an item: the company's own reading (a deal's target
 * and acquirer differ; a price recap moves no one), else, for items stored before per-company readings,
 * the item's. `key` normalises symbols the way the caller matches them ("BRK.B" and "BRK/B").
 */
export function scoreFor(analysis: Pick<NewsAnalysisRecord, 'sentimentScore' | 'companies'>, symbol: string, key: (s: string) => string = (s) => s): number {
  const k = key(symbol);
  const own = analysis.companies?.find((c) => key(c.symbol) === k);
  return own ? own.score : analysis.sentimentScore;
}
