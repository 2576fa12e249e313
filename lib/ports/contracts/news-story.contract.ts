import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewsStore, SameStory } from '../news-store.port.ts';
import { HOUR, T0, item, sameStory, type OpenedNewsStore } from './news-contract-data.ts';

/** The NewsStore contract's story rules (de-duplication into stories, atomic batches, copies). */
export function newsStoryContract(name: string, open: (sameStory: SameStory) => Promise<OpenedNewsStore>): void {
  describe(`NewsStore contract, stories: ${name}`, () => {
    let opened: OpenedNewsStore;
    let store: NewsStore;
    beforeAll(async () => {
      opened = await open(sameStory);
      store = opened.store;
    });
    afterAll(() => opened.close());
    const storyOf = async (source: string, sourceId: string) => (await store.versions(source, sourceId))[0]!.storyId;

    it('joins_the_same_story_from_other_sources_into_one', async () => {
      const a = item({ source: 'alpaca', sourceId: 's-a', symbols: ['ZETA'], headline: 'Zeta Corp to acquire Omega for $2 billion' });
      const sameText = item({ source: 'rss:example.com', sourceId: 's-b', symbols: [], headline: 'Zeta Corp to acquire Omega for $2 billion', receivedAt: T0 + 5000 });
      const near = item({ source: 'alphavantage', sourceId: 's-c', symbols: ['ZETA'], headline: 'Zeta Corp to acquire Omega for $2 billion in cash', receivedAt: T0 + 9000 });
      const other = item({ source: 'alpaca', sourceId: 's-d', symbols: ['ZETA'], headline: 'Zeta Corp CFO resigns' });
      expect(await store.ingest([a, sameText, near, other], [], T0)).toEqual({ inserted: 4, duplicates: 0, newStories: 2, skipped: 0 });
      const known = await store.latestKnown({ knownAt: T0 + 60_000, symbols: ['ZETA'] });
      const story = new Set(known.filter((k) => k.headline.includes('acquire')).map((k) => k.storyId));
      expect(story.size).toBe(1);
      expect(await storyOf('rss:example.com', 's-b')).toBe([...story][0]);
      expect(known.find((k) => k.headline.includes('CFO'))!.storyId).not.toBe([...story][0]);
    });

    it('joins_by_headline_only_within_48_hours_and_with_a_shared_symbol', async () => {
      const first = item({ sourceId: 'w-1', symbols: ['WIND'], headline: 'Wind Energy wins offshore lease auction' });
      const late = item({ sourceId: 'w-2', symbols: ['WIND'], headline: 'Wind Energy wins offshore lease auction', summary: 'later', publishedAt: T0 + 49 * HOUR, version: T0 + 49 * HOUR, receivedAt: T0 + 49 * HOUR });
      const inTime = item({ sourceId: 'w-3', symbols: ['WIND'], headline: 'Wind Energy wins offshore lease auction', summary: 'same day', publishedAt: T0 + 47 * HOUR, version: T0 + 47 * HOUR, receivedAt: T0 + 47 * HOUR });
      const otherSymbol = item({ sourceId: 'w-4', symbols: ['GUST'], headline: 'Wind Energy wins offshore lease auction', summary: 'other ticker' });
      await store.ingest([first], [], T0);
      expect(await store.ingest([late, inTime, otherSymbol], [], T0)).toMatchObject({ inserted: 3, newStories: 2 });
      expect(await storyOf('alpaca', 'w-3')).toBe(await storyOf('alpaca', 'w-1'));
      expect(await storyOf('alpaca', 'w-2')).not.toBe(await storyOf('alpaca', 'w-1'));
      expect(await storyOf('alpaca', 'w-4')).not.toBe(await storyOf('alpaca', 'w-1'));
    });

    it('joins_the_story_of_the_same_text_however_old_and_keeps_the_story_of_the_first_version', async () => {
      const old = item({ sourceId: 'o-1', symbols: ['OLDX'], headline: 'Oldx recalls its flagship product' });
      await store.ingest([old], [], T0);
      const copy = item({ source: 'rss:feed', sourceId: 'o-2', symbols: [], headline: 'Oldx recalls its flagship product', publishedAt: T0 + 90 * HOUR, version: T0 + 90 * HOUR, receivedAt: T0 + 90 * HOUR });
      const rewritten = item({ sourceId: 'o-1', symbols: ['OLDX'], headline: 'Completely different words now', version: T0 + 90 * HOUR, receivedAt: T0 + 90 * HOUR });
      expect(await store.ingest([copy, rewritten], [], T0)).toMatchObject({ inserted: 2, newStories: 0 });
      const versions = await store.versions('alpaca', 'o-1');
      expect(versions.map((v) => v.storyId)).toEqual([versions[0]!.storyId, versions[0]!.storyId]);
      expect(await storyOf('rss:feed', 'o-2')).toBe(versions[0]!.storyId);
    });

    it('lets_an_item_without_symbols_join_by_headline_only_a_story_without_symbols', async () => {
      const bare = item({ source: 'rss:a', sourceId: 'b-1', symbols: [], headline: 'Regulators propose new rules for lenders today' });
      const bare2 = item({ source: 'rss:b', sourceId: 'b-2', symbols: [], headline: 'Regulators propose new rules for lenders', summary: 'x' });
      const tagged = item({ source: 'rss:c', sourceId: 'b-3', symbols: ['LEND'], headline: 'Regulators propose new rules for lenders today', summary: 'y' });
      await store.ingest([bare], [], T0);
      await store.ingest([bare2, tagged], [], T0);
      expect(await storyOf('rss:b', 'b-2')).toBe(await storyOf('rss:a', 'b-1'));
      expect(await storyOf('rss:c', 'b-3')).not.toBe(await storyOf('rss:a', 'b-1'));
    });

    it('lets_a_later_item_join_a_story_through_a_symbol_an_earlier_item_of_the_batch_added', async () => {
      const seed = item({ sourceId: 'g-1', symbols: ['GRWA'], headline: 'Grwa and Grwb agree to a merger of equals' });
      await store.ingest([seed], [], T0);
      const widen = item({ source: 'rss:x', sourceId: 'g-2', symbols: ['GRWA', 'GRWB'], headline: 'Grwa and Grwb agree to a merger of equals', summary: 'wider' });
      const viaB = item({ source: 'rss:y', sourceId: 'g-3', symbols: ['GRWB'], headline: 'Grwa and Grwb agree to merger of equals', summary: 'b only' });
      expect(await store.ingest([widen, viaB], [], T0)).toMatchObject({ inserted: 2, newStories: 0 });
      expect(await storyOf('rss:y', 'g-3')).toBe(await storyOf('alpaca', 'g-1'));
    });

    it('creates_one_story_when_two_collectors_ingest_the_same_item_at_once', async () => {
      const x = item({ source: 'alpaca', sourceId: 'race-1', symbols: ['RACE'], headline: 'Race Inc wins a large defense contract' });
      const y = item({ source: 'sec-edgar', sourceId: 'race-2', symbols: ['RACE'], headline: 'Race Inc wins a large defense contract' });
      await Promise.all([store.ingest([x], [], T0), store.ingest([y], [], T0), store.ingest([x], [], T0)]);
      const known = await store.latestKnown({ knownAt: T0 + HOUR, symbols: ['RACE'] });
      expect(known).toHaveLength(2);
      expect(new Set(known.map((k) => k.storyId)).size).toBe(1);
    });

    it('leaves_nothing_behind_when_a_batch_fails', async () => {
      const good = item({ sourceId: 'fail-1', symbols: ['FAIL'], headline: 'Fail Corp opens a new factory' });
      const bad = item({ sourceId: 'fail-2', symbols: ['FAIL'], headline: 'Fail Corp explodes the matcher' });
      await expect(store.ingest([good, bad], [], T0)).rejects.toThrow();
      expect(await store.versions('alpaca', 'fail-1')).toEqual([]);
      expect(await store.ingest([good], [], T0)).toMatchObject({ inserted: 1, newStories: 1 });
    });

    it('takes_back_what_a_failed_batch_added_to_a_stored_story', async () => {
      await store.ingest([item({ sourceId: 'rb-1', symbols: ['RBKA'], headline: 'Rbka wins a patent ruling' })], [], T0);
      const widen = item({ source: 'rss:w', sourceId: 'rb-2', symbols: ['RBKA', 'RBKB'], headline: 'Rbka wins a patent ruling', summary: 'w' });
      const bad = item({ sourceId: 'rb-3', symbols: ['RBKA'], headline: 'Rbka explodes the matcher' });
      await expect(store.ingest([widen, bad], [], T0)).rejects.toThrow();
      const viaB = item({ source: 'rss:b', sourceId: 'rb-4', symbols: ['RBKB'], headline: 'Rbka wins a patent ruling', summary: 'b' });
      expect(await store.ingest([viaB], [], T0)).toMatchObject({ inserted: 1, newStories: 1 });
      expect(await storyOf('rss:b', 'rb-4')).not.toBe(await storyOf('alpaca', 'rb-1'));
    });

    it('returns_copies_that_cannot_change_the_store', async () => {
      const [read] = await store.versions('alpaca', 'fail-1');
      read!.symbols.push('HACK');
      read!.analysis.linkedSymbols.push({ symbol: 'HACK', confidence: 1 });
      // Either the copy takes the change or the store refuses it (a frozen value it shares): never the store.
      try {
        (read!.analysis.evidence as { phrases: string[] }).phrases.push('hacked');
      } catch {
        // refused
      }
      const [again] = await store.versions('alpaca', 'fail-1');
      expect(again!.symbols).toEqual(['FAIL']);
      expect(again!.analysis.linkedSymbols).toEqual([]);
      expect(again!.analysis.evidence).toEqual({ phrases: ['beats'] });
    });

    it('reports_the_newest_version_per_source', async () => {
      const newest = await store.newestVersionBySource();
      expect(newest.get('alpaca')).toBe(T0 + 90 * HOUR);
      expect(newest.get('rss:feed')).toBe(T0 + 90 * HOUR);
      expect(newest.get('sec-edgar')).toBe(T0);
    });
  });
}
