import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewsStore, SameStory } from '../news-store.port.ts';
import { HOUR, T0, item, sameStory, type OpenedNewsStore } from './news-contract-data.ts';
import { newsStoryContract } from './news-story.contract.ts';

export type { OpenedNewsStore } from './news-contract-data.ts';

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
  newsStoryContract(name, open);
}

