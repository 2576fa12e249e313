import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewsItem } from '../../domain/news.ts';
import type { AnalysedNewsItem, NewsStore, SameStory } from '../news-store.port.ts';

/** A store under test, opened with the story matcher it must use; `close` drops whatever it created. */
export interface OpenedNewsStore {
  store: NewsStore;
  close(): Promise<void>;
}

const T0 = Date.parse('2026-11-23T14:00:00Z');
const HOUR = 3_600_000;
const words = (s: string) => new Set(s.toLowerCase().split(/\W+/).filter(Boolean));
// Word-set Jaccard stands in for the production matcher (this suite tests storage, not similarity); a
// headline saying "explodes the matcher" makes it throw, to show a failed batch leaves nothing behind.
const sameStory: SameStory = (a, b) => {
  if (a.headline.includes('explodes the matcher')) throw new Error('matcher failed');
  const x = words(a.headline);
  const y = words(b.headline);
  const inter = [...x].filter((w) => y.has(w)).length;
  return inter / (x.size + y.size - inter) >= 0.7;
};

function item(over: Partial<NewsItem> & { headline: string }, linked: string[] = []): AnalysedNewsItem {
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

/** The NewsStore contract: every implementation (Postgres, memory) must pass these scenarios. */
export function newsStoreContract(name: string, open: (sameStory: SameStory) => Promise<OpenedNewsStore>): void {
  describe(`NewsStore contract: ${name}`, () => {
    let opened: OpenedNewsStore;
    let store: NewsStore;
    beforeAll(async () => {
      opened = await open(sameStory);
      store = opened.store;
    });
    afterAll(() => opened.close());

    it('stores_every_version_and_ignores_a_repeat', async () => {
      const v1 = item({ sourceId: 'v-1', headline: 'Acme beats estimates' });
      const v2 = item({ sourceId: 'v-1', headline: 'Acme beats estimates, raises outlook', version: T0 + 60_000, receivedAt: T0 + 61_000 });
      expect(await store.ingest([v1], [], T0)).toEqual({ inserted: 1, duplicates: 0, newStories: 1, skipped: 0 });
      expect(await store.ingest([v1, v2], [{ source: 'newsapi', sourceId: 'x', reason: 'headline: is required' }], T0)).toEqual({ inserted: 1, duplicates: 1, newStories: 0, skipped: 1 });
      const versions = await store.versions('alpaca', 'v-1');
      expect(versions.map((v) => v.headline)).toEqual(['Acme beats estimates', 'Acme beats estimates, raises outlook']);
      expect(versions[0]!.storyId).toBe(versions[1]!.storyId);
      expect(versions[1]!.analysis).toMatchObject({ sentimentLabel: 'positive', catalystType: 'earnings', catalystWeight: 0.8, evidence: { phrases: ['beats'] } });
    });

    it('counts_a_version_repeated_within_one_batch_once_keeping_its_last_text', async () => {
      const first = item({ sourceId: 'rep-1', symbols: ['REPT'], headline: 'Rept signs a supply deal' });
      const again = { ...item({ sourceId: 'rep-1', symbols: ['REPT'], headline: 'Rept signs a supply deal' }), item: { ...first.item, summary: 'corrected' } };
      expect(await store.ingest([first, again], [], T0)).toEqual({ inserted: 1, duplicates: 1, newStories: 1, skipped: 0 });
      expect((await store.versions('alpaca', 'rep-1')).map((v) => v.summary)).toEqual(['corrected']);
    });

    it('reads_back_every_field_as_stored', async () => {
      const full = item({ source: 'sec-edgar', sourceId: 'f-1', symbols: ['FULL'], headline: 'Full Corp files 8-K', summary: 'Item 1.01', url: 'https://sec.gov/x', delayed: true, meta: { items: ['1.01'] } }, ['PART']);
      full.analysis.companies = [
        { symbol: 'FULL', role: 'acquirer', score: -0.12, direction: 'neutral', catalyst: 'merger-acquisition', action: null },
        { symbol: 'PART', role: 'target', score: 0.78, direction: 'positive', catalyst: 'merger-acquisition', action: null },
      ];
      await store.ingest([full], [], T0);
      const [stored] = await store.versions('sec-edgar', 'f-1');
      expect(stored).toEqual({ ...full.item, id: stored!.id, storyId: stored!.storyId, allSymbols: ['FULL', 'PART'], analysis: full.analysis });
      const plain = item({ sourceId: 'f-2', symbols: ['FULL'], headline: 'Full Corp names a new chief executive' });
      await store.ingest([plain], [], T0);
      const [read] = await store.versions('alpaca', 'f-2');
      expect(read).toMatchObject({ delayed: false, meta: {}, allSymbols: ['FULL'] });
      expect(read!.analysis.companies).toBeUndefined();
    });

    it('numbers_items_in_batch_order', async () => {
      const batch = ['a', 'b', 'c'].map((k, i) => item({ sourceId: `n-${k}`, symbols: [`NUM${k.toUpperCase()}`], headline: `Company ${k} item number ${i} about nothing alike` }));
      await store.ingest(batch, [], T0);
      const ids = await Promise.all(['a', 'b', 'c'].map(async (k) => (await store.versions('alpaca', `n-${k}`))[0]!.id));
      expect([ids[1]! - ids[0]!, ids[2]! - ids[1]!]).toEqual([1, 1]);
    });

    it('answers_what_was_known_at_a_point_in_time', async () => {
      const before = await store.latestKnown({ knownAt: T0 + 30_000, symbols: ['ACME'] });
      expect(before.map((i) => i.headline)).toEqual(['Acme beats estimates']);
      const after = await store.latestKnown({ knownAt: T0 + 120_000, symbols: ['ACME'] });
      expect(after.map((i) => i.headline)).toEqual(['Acme beats estimates, raises outlook']);
      expect(await store.latestKnown({ knownAt: T0 - 1, symbols: ['ACME'] })).toEqual([]);
      expect(await store.latestKnown({ knownAt: T0 + 120_000, symbols: [] })).toEqual([]);
    });

    it('filters_each_version_so_a_symbol_dropped_later_still_finds_the_earlier_version', async () => {
      const v1 = item({ sourceId: 'drop-1', symbols: ['DRPA', 'DRPB'], headline: 'Drpa and Drpb announce a venture' });
      const v2 = item({ sourceId: 'drop-1', symbols: ['DRPA'], headline: 'Drpa announces a venture', version: T0 + 60_000, receivedAt: T0 + 61_000 });
      await store.ingest([v1, v2], [], T0);
      expect((await store.latestKnown({ knownAt: T0 + HOUR, symbols: ['DRPB'] })).map((i) => i.headline)).toEqual(['Drpa and Drpb announce a venture']);
      expect((await store.latestKnown({ knownAt: T0 + HOUR, symbols: ['DRPA'] })).map((i) => i.headline)).toEqual(['Drpa announces a venture']);
    });

    it('lists_newest_published_first_from_publishedAfter_inclusive_up_to_the_limit', async () => {
      const at = (m: number) => T0 + 10 * HOUR + m * 60_000;
      const batch = [0, 1, 2, 2].map((m, i) => item({ sourceId: `ord-${i}`, symbols: ['ORDR'], headline: `Ordr update ${i} on plant ${['north', 'south', 'east', 'west'][i]} capacity`, publishedAt: at(m), version: at(m), receivedAt: at(m) }));
      await store.ingest(batch, [], T0);
      const all = await store.latestKnown({ knownAt: at(5), symbols: ['ORDR'], publishedAfter: at(1) });
      expect(all.map((i) => i.sourceId)).toEqual(['ord-3', 'ord-2', 'ord-1']);
      expect((await store.latestKnown({ knownAt: at(5), symbols: ['ORDR'], limit: 2 })).map((i) => i.sourceId)).toEqual(['ord-3', 'ord-2']);
      expect(await store.latestKnown({ knownAt: at(5), symbols: ['ORDR'], limit: 0 })).toEqual([]);
    });
  });
  storyScenarios(name, open);
}

function storyScenarios(name: string, open: (sameStory: SameStory) => Promise<OpenedNewsStore>): void {
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
