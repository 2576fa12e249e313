import type { NewsItem } from '../../domain/news.ts';
import type { AnalysedNewsItem, NewsStore, SameStory } from '../news-store.port.ts';

// Test data shared by the NewsStore contract's two suites.

/** A store under test, opened with the story matcher it must use; `close` drops whatever it created. */
export interface OpenedNewsStore {
  store: NewsStore;
  close(): Promise<void>;
}

export const T0 = Date.parse('2026-11-23T14:00:00Z');
export const HOUR = 3_600_000;
const words = (s: string) => new Set(s.toLowerCase().split(/\W+/).filter(Boolean));
// Word-set Jaccard stands in for the production matcher (this suite tests storage, not similarity); a
// headline saying "explodes the matcher" makes it throw, to show a failed batch leaves nothing behind.
export const sameStory: SameStory = (a, b) => {
  if (a.headline.includes('explodes the matcher')) throw new Error('matcher failed');
  const x = words(a.headline);
  const y = words(b.headline);
  const inter = [...x].filter((w) => y.has(w)).length;
  return inter / (x.size + y.size - inter) >= 0.7;
};

/** An analysed item with defaults, its content hash derived from its text. */
export function item(over: Partial<NewsItem> & { headline: string }, linked: string[] = []): AnalysedNewsItem {
  const it: NewsItem = { source: 'alpaca', sourceId: '1', version: T0, publishedAt: T0, receivedAt: T0 + 1000, summary: '', url: null, symbols: ['ACME'], ...over, contentHash: `h:${over.headline}|${over.summary ?? ''}` };
  return {
    item: it,
    analysis: {
      sentimentScore: 0.6,
      sentimentLabel: 'positive',
      catalystType: 'earnings',
      catalystBlocksLong: false,
      catalystWeight: 0.8,
      linkedSymbols: linked.map((symbol) => ({ symbol, confidence: 0.9 })),
      fingerprint: [...words(over.headline)].sort().join(' '),
      evidence: { phrases: ['beats'] },
    },
  };
}

