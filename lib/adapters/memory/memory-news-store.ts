import type { NewsItem } from '../../domain/news.ts';
import type { SkippedNewsItem } from '../../ports/news-source.port.ts';
import type { AnalysedNewsItem, IngestReport, NewsQuery, NewsStore, SameStory, StoredNewsItem } from '../../ports/news-store.port.ts';
import { assignStories, type CandidateStory } from '../postgres/news-story-matcher.ts';
import { StoryIndex, firstNotBefore, type StoryRecord } from './memory-news-stories.ts';
import { storedNewsItem, copyNewsItem } from './memory-news-rows.ts';

interface Row {
  key: string;
  item: StoredNewsItem;
  // All versions of this item (shared by its rows): most items have one, and a read then needs no grouping.
  versions: Row[];
}

const itemKey = (i: NewsItem) => `${i.source}\u0000${i.sourceId}`;
const versionKey = (i: NewsItem) => `${i.source}\u0000${i.sourceId}\u0000${i.version}`;
const symbolsOf = (b: AnalysedNewsItem) => [...new Set([...b.item.symbols, ...b.analysis.linkedSymbols.map((l) => l.symbol)])];

const rowTime = (r: Row) => r.item.publishedAt;

/**
 * The news store in memory (postgres/news.repo.ts): every version, the same story matcher over the same
 * candidate stories, ids in the same order, point-in-time reads. Rows are kept in publication order, so a
 * read of the recent news window looks at that window only. Skipped items are not kept: no port reads them.
 */
export class MemoryNewsStore implements NewsStore {
  private readonly stories = new StoryIndex();
  private readonly versionsOf = new Map<string, Row[]>();
  // The story of the first item stored with each content hash.
  private readonly storyOfHash = new Map<string, number>();
  private readonly byPublished: Row[] = [];
  private readonly newestBySource = new Map<string, number>();
  private lastItemId = 0;

  constructor(private readonly sameStory: SameStory) {}

  async ingest(batch: readonly AnalysedNewsItem[], skipped: readonly SkippedNewsItem[], _at: number): Promise<IngestReport> {
    for (const b of batch) checkColumns(b.item);
    if (batch.length === 0) return { inserted: 0, duplicates: 0, newStories: 0, skipped: skipped.length };
    const fresh = batch.filter((b) => !this.versionsOf.get(itemKey(b.item))?.some((r) => r.item.version === b.item.version));
    // As in Postgres: one entry per version, at its first position, with the content of its last repeat.
    const unique = [...new Map(fresh.map((b) => [versionKey(b.item), b])).values()];
    if (unique.length === 0) return { inserted: 0, duplicates: batch.length, newStories: 0, skipped: skipped.length };

    const found = new Set<StoryRecord>();
    const storyOfItem = new Map<string, number>();
    const storyOfHash = new Map<string, number>();
    for (const b of unique) {
      const earlier = this.versionsOf.get(itemKey(b.item))?.[0];
      if (earlier) storyOfItem.set(itemKey(b.item), earlier.item.storyId);
      const byHash = this.storyOfHash.get(b.item.contentHash);
      if (byHash !== undefined) storyOfHash.set(b.item.contentHash, byHash);
      for (const id of [earlier?.item.storyId, byHash]) if (id !== undefined) found.add(this.stories.get(id)!);
      this.stories.near(b.item.publishedAt, symbolsOf(b), found);
    }
    // Matched in id order, as Postgres lists them. The matcher adds symbols and sources to the stories it
    // assigns: a failed batch takes them back, so the store is left as it was (a rolled-back transaction).
    const existing = [...found].sort((x, y) => x.id - y.id);
    const before = existing.map((s) => ({ symbols: s.symbols.size, sources: s.sources.size }));
    // Built before anything changes, so an item that cannot be stored fails the batch with nothing to undo.
    const rows = unique.map((b) => storedNewsItem(b, 0, 0));
    const candidates: CandidateStory[] = existing.slice();
    let assignment: number[];
    try {
      assignment = assignStories(unique, candidates, storyOfItem, storyOfHash, this.sameStory);
    } catch (e) {
      existing.forEach((s, i) => (dropAfter(s.symbols, before[i]!.symbols), dropAfter(s.sources, before[i]!.sources)));
      throw e;
    }
    const created = candidates.slice(existing.length);
    for (const story of created) {
      story.id = this.stories.nextId();
      this.stories.add(story as StoryRecord);
    }
    existing.forEach((s, i) => this.stories.indexAddedSymbols(s, before[i]!.symbols));
    rows.forEach((row, i) => this.insert(Object.assign(row, { id: ++this.lastItemId, storyId: candidates[assignment[i]!]!.id! })));
    return { inserted: unique.length, duplicates: batch.length - unique.length, newStories: created.length, skipped: skipped.length };
  }

  async latestKnown(q: NewsQuery): Promise<StoredNewsItem[]> {
    const limit = q.limit ?? 500;
    if (!Number.isInteger(limit) || limit < 0) throw new Error(`news query limit: expected a whole number of items >= 0, got ${limit}`);
    const wanted = q.symbols ? new Set(q.symbols) : null;
    const latest = new Map<string, StoredNewsItem>();
    const only: StoredNewsItem[] = [];
    const rows = this.byPublished;
    for (let i = q.publishedAfter === undefined ? 0 : firstNotBefore(rows, rowTime, q.publishedAfter); i < rows.length; i++) {
      const { key, item, versions } = rows[i]!;
      if (item.receivedAt > q.knownAt) continue;
      if (wanted && !item.allSymbols.some((s) => wanted.has(s))) continue;
      if (versions.length === 1) {
        only.push(item);
        continue;
      }
      const seen = latest.get(key);
      if (!seen || item.version > seen.version) latest.set(key, item);
    }
    const newestFirst = (latest.size === 0 ? only : only.concat([...latest.values()])).sort((a, b) => b.publishedAt - a.publishedAt || b.id - a.id);
    return newestFirst.slice(0, limit).map(copyNewsItem);
  }

  async versions(source: string, sourceId: string): Promise<StoredNewsItem[]> {
    return (this.versionsOf.get(`${source}\u0000${sourceId}`) ?? []).map((r) => copyNewsItem(r.item));
  }

  async newestVersionBySource(): Promise<Map<string, number>> {
    return new Map(this.newestBySource);
  }

  private insert(item: StoredNewsItem): void {
    const key = itemKey(item);
    const versions = this.versionsOf.get(key) ?? [];
    const row: Row = { key, item, versions };
    this.versionsOf.set(key, versions);
    versions.splice(versions.findLastIndex((r) => r.item.version < item.version) + 1, 0, row);
    this.byPublished.splice(firstNotBefore(this.byPublished, rowTime, item.publishedAt, false), 0, row);
    if (!this.storyOfHash.has(item.contentHash)) this.storyOfHash.set(item.contentHash, item.storyId);
    this.newestBySource.set(item.source, Math.max(this.newestBySource.get(item.source) ?? item.version, item.version));
  }
}

/** Deletes what was added to `set` after its first `size` elements (sets keep insertion order). */
function dropAfter(set: Set<string>, size: number): void {
  let i = 0;
  for (const x of set) if (i++ >= size) set.delete(x);
}

// What Postgres refuses, this store refuses: a time that is not one, a NUL character in a text column.
function checkColumns(item: NewsItem): void {
  for (const field of ['version', 'publishedAt', 'receivedAt'] as const) {
    if (!Number.isFinite(item[field])) throw new Error(`news item ${item.source}/${item.sourceId} ${field}: expected epoch milliseconds, got ${item[field]}`);
  }
  for (const field of ['source', 'sourceId', 'headline', 'summary', 'url', 'contentHash'] as const) {
    if (item[field]?.includes('\u0000')) throw new Error(`news item ${item.source}/${item.sourceId} ${field}: expected text without NUL characters`);
  }
}
