import type { AnalysedNewsItem, SameStory } from '../../ports/news-store.port.ts';

/** A story the batch may join. */
export interface CandidateStory {
  id: number | null;
  headline: string;
  fingerprint: string;
  symbols: Set<string>;
  publishedAt: number;
  sources: Set<string>;
}

const STORY_WINDOW_MS = 48 * 3_600_000;

function symbolsOverlap(a: Set<string>, b: readonly string[]): boolean {
  if (a.size === 0 && b.length === 0) return true;
  return b.some((s) => a.has(s));
}

/**
 * Assigns each item of a batch to a story, in order: the story of an earlier version of the same item,
 * else the story of an item with the same content hash, else a recent story with a near-identical
 * headline and overlapping symbols, else a new story (which later items of the batch may join).
 * Returns, per item, the index into `stories` (existing candidates first, new ones appended).
 */
export function assignStories(
  items: readonly AnalysedNewsItem[],
  stories: CandidateStory[],
  storyOfSourceItem: ReadonlyMap<string, number>,
  storyOfHash: ReadonlyMap<string, number>,
  sameStory: SameStory,
): number[] {
  const indexOfId = new Map<number, number>();
  stories.forEach((s, i) => s.id !== null && indexOfId.set(s.id, i));
  const bySourceItem = new Map<string, number>();
  for (const [k, id] of storyOfSourceItem) if (indexOfId.has(id)) bySourceItem.set(k, indexOfId.get(id)!);
  const byHash = new Map<string, number>();
  for (const [h, id] of storyOfHash) if (indexOfId.has(id)) byHash.set(h, indexOfId.get(id)!);

  return items.map(({ item, analysis }) => {
    const key = `${item.source}\u0000${item.sourceId}`;
    const symbols = [...new Set([...item.symbols, ...analysis.linkedSymbols.map((l) => l.symbol)])];
    let idx = bySourceItem.get(key) ?? byHash.get(item.contentHash);
    if (idx === undefined) {
      idx = stories.findIndex(
        (s) =>
          Math.abs(s.publishedAt - item.publishedAt) <= STORY_WINDOW_MS &&
          symbolsOverlap(s.symbols, symbols) &&
          sameStory({ headline: item.headline, fingerprint: analysis.fingerprint }, { headline: s.headline, fingerprint: s.fingerprint }),
      );
      if (idx < 0) {
        stories.push({
          id: null,
          headline: item.headline,
          fingerprint: analysis.fingerprint,
          symbols: new Set(symbols),
          publishedAt: item.publishedAt,
          sources: new Set([item.source]),
        });
        idx = stories.length - 1;
      }
    }
    const story = stories[idx]!;
    for (const s of symbols) story.symbols.add(s);
    story.sources.add(item.source);
    bySourceItem.set(key, idx);
    byHash.set(item.contentHash, idx);
    return idx;
  });
}
