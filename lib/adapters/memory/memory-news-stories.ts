import type { CandidateStory } from '../postgres/news-story-matcher.ts';

/** A stored story: what the matcher compares a new item with. */
export interface StoryRecord extends CandidateStory {
  id: number;
}

// The matcher's window (news-story-matcher.ts): a story further away in time is never joined by headline.
const WINDOW_MS = 48 * 3_600_000;

/** The first index in `list` (kept in publication order) whose publication time is not `before` the given one. */
export function firstNotBefore<T>(list: readonly T[], publishedAt: (x: T) => number, t: number, inclusive = true): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const p = publishedAt(list[mid]!);
    if (p < t || (!inclusive && p === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const storyTime = (s: StoryRecord) => s.publishedAt;
const firstAtOrAfter = (list: readonly StoryRecord[], t: number) => firstNotBefore(list, storyTime, t);
// After every story published at the same time, so equal times keep their insertion order.
const insertByPublished = (list: StoryRecord[], story: StoryRecord) => list.splice(firstNotBefore(list, storyTime, story.publishedAt, false), 0, story);

/**
 * The news_stories table in memory, indexed by symbol and publication time, so finding the stories a new
 * item may join looks only at stories sharing a symbol within the matcher's window, not at all history.
 */
export class StoryIndex {
  private readonly byId: StoryRecord[] = [];
  private readonly bySymbol = new Map<string, StoryRecord[]>();
  // Stories without any symbol: only an item without symbols may join them by headline.
  private readonly symbolless: StoryRecord[] = [];

  get(id: number): StoryRecord | undefined {
    return this.byId[id - 1];
  }

  /** The next id a created story gets (ids grow by one, like the table's sequence). */
  nextId(): number {
    return this.byId.length + 1;
  }

  /** Stories published within the window of `publishedAt` that share a symbol with `symbols` (or, without symbols, have none). */
  near(publishedAt: number, symbols: readonly string[], into: Set<StoryRecord>): void {
    const lists = symbols.length === 0 ? [this.symbolless] : symbols.map((s) => this.bySymbol.get(s) ?? []);
    for (const list of lists) {
      for (let i = firstAtOrAfter(list, publishedAt - WINDOW_MS); i < list.length && list[i]!.publishedAt <= publishedAt + WINDOW_MS; i++) into.add(list[i]!);
    }
  }

  /** Stores a story the matcher created (its id must be `nextId()`). */
  add(story: StoryRecord): void {
    if (story.id !== this.nextId()) throw new Error(`story id ${story.id}: expected ${this.nextId()}`);
    this.byId.push(story);
    if (story.symbols.size === 0) insertByPublished(this.symbolless, story);
    for (const s of story.symbols) this.indexSymbol(s, story);
  }

  /** Indexes the symbols the matcher added to a stored story (those after its first `indexedBefore`). */
  indexAddedSymbols(story: StoryRecord, indexedBefore: number): void {
    if (story.symbols.size === indexedBefore) return;
    let i = 0;
    for (const s of story.symbols) if (i++ >= indexedBefore) this.indexSymbol(s, story);
    if (indexedBefore === 0) this.symbolless.splice(this.symbolless.indexOf(story), 1);
  }

  private indexSymbol(symbol: string, story: StoryRecord): void {
    const list = this.bySymbol.get(symbol) ?? [];
    this.bySymbol.set(symbol, list);
    insertByPublished(list, story);
  }
}
