import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { PgNewsStore } from './news.repo.ts';
import { newsContentHash } from '../news/content-hash.ts';
import type { AnalysedNewsItem, SameStory } from '../../ports/news-store.port.ts';
import type { NewsItem } from '../../domain/news.ts';

// Word-set Jaccard stands in for the production matcher: this suite tests storage, not similarity.
const words = (s: string) => new Set(s.toLowerCase().split(/\W+/).filter(Boolean));
const sameStory: SameStory = (a, b) => {
  const x = words(a.headline);
  const y = words(b.headline);
  const inter = [...x].filter((w) => y.has(w)).length;
  return inter / (x.size + y.size - inter) >= 0.7;
};

const T0 = Date.parse('2026-11-23T14:00:00Z');
function item(over: Partial<NewsItem> & { headline: string }): AnalysedNewsItem {
  const it: NewsItem = {
    source: 'alpaca',
    sourceId: '1',
    version: T0,
    publishedAt: T0,
    receivedAt: T0 + 1000,
    summary: '',
    url: null,
    symbols: ['ACME'],
    ...over,
    contentHash: newsContentHash(over.headline, over.summary ?? ''),
  };
  return {
    item: it,
    analysis: {
      sentimentScore: 0.6,
      sentimentLabel: 'positive',
      catalystType: 'earnings',
      catalystBlocksLong: false,
      catalystWeight: 0.8,
      linkedSymbols: [],
      fingerprint: [...words(over.headline)].sort().join(' '),
      evidence: { phrases: ['beats'] },
    },
  };
}

describe('PgNewsStore (real PostgreSQL)', () => {
  let db: TestDb;
  let store: PgNewsStore;
  beforeAll(async () => {
    db = await createTestDb();
    store = new PgNewsStore(db.pool, sameStory);
  });
  afterAll(() => db.drop());

  it('stores_every_version_and_ignores_a_repeat', async () => {
    const v1 = item({ sourceId: 'v-1', headline: 'Acme beats estimates' });
    const v2 = item({ sourceId: 'v-1', headline: 'Acme beats estimates, raises outlook', version: T0 + 60_000, receivedAt: T0 + 61_000 });
    expect(await store.ingest([v1], [], T0)).toMatchObject({ inserted: 1, newStories: 1 });
    expect(await store.ingest([v1, v2], [], T0)).toMatchObject({ inserted: 1, duplicates: 1, newStories: 0 });
    const versions = await store.versions('alpaca', 'v-1');
    expect(versions.map((v) => v.headline)).toEqual(['Acme beats estimates', 'Acme beats estimates, raises outlook']);
    expect(versions[0]!.storyId).toBe(versions[1]!.storyId);
    expect(versions[1]!.analysis).toMatchObject({ sentimentLabel: 'positive', catalystType: 'earnings', catalystWeight: 0.8, evidence: { phrases: ['beats'] } });
  });

  it('stores_and_reads_back_each_companys_own_reading', async () => {
    const deal = item({ sourceId: 'deal-1', symbols: ['KAPA', 'LMBD'], headline: 'Kappa Inc to buy Lambda Labs at a 40% premium' });
    deal.analysis.companies = [
      { symbol: 'KAPA', role: 'acquirer', score: -0.12, direction: 'neutral', catalyst: 'merger-acquisition', action: null },
      { symbol: 'LMBD', role: 'target', score: 0.78, direction: 'positive', catalyst: 'merger-acquisition', action: null },
    ];
    await store.ingest([deal], [], T0);
    const [stored] = await store.versions('alpaca', 'deal-1');
    expect(stored!.analysis.companies).toEqual(deal.analysis.companies);
  });

  it('answers_what_was_known_at_a_point_in_time', async () => {
    const before = await store.latestKnown({ knownAt: T0 + 30_000, symbols: ['ACME'] });
    expect(before.map((i) => i.headline)).toEqual(['Acme beats estimates']);
    const after = await store.latestKnown({ knownAt: T0 + 120_000, symbols: ['ACME'] });
    expect(after.map((i) => i.headline)).toEqual(['Acme beats estimates, raises outlook']);
    expect(await store.latestKnown({ knownAt: T0 - 1, symbols: ['ACME'] })).toEqual([]);
  });

  it('joins_the_same_story_from_other_sources_into_one', async () => {
    const a = item({ source: 'alpaca', sourceId: 's-a', symbols: ['ZETA'], headline: 'Zeta Corp to acquire Omega for $2 billion' });
    const sameText = item({ source: 'rss:example.com', sourceId: 's-b', symbols: [], headline: 'Zeta Corp to acquire Omega for $2 billion', receivedAt: T0 + 5000 });
    const near = item({ source: 'alphavantage', sourceId: 's-c', symbols: ['ZETA'], headline: 'Zeta Corp to acquire Omega for $2 billion in cash', receivedAt: T0 + 9000 });
    const other = item({ source: 'alpaca', sourceId: 's-d', symbols: ['ZETA'], headline: 'Zeta Corp CFO resigns' });
    const report = await store.ingest([a, sameText, near, other], [], T0);
    expect(report).toMatchObject({ inserted: 4, newStories: 2 });
    const known = await store.latestKnown({ knownAt: T0 + 60_000, symbols: ['ZETA'] });
    const story = new Set(known.filter((k) => k.headline.includes('acquire')).map((k) => k.storyId));
    expect(story.size).toBe(1);
    expect(known.find((k) => k.headline.includes('CFO'))!.storyId).not.toBe([...story][0]);
    const { rows } = await db.pool.query(`SELECT sources FROM news_stories WHERE id = $1`, [[...story][0]]);
    expect(new Set(rows[0].sources)).toEqual(new Set(['alpaca', 'rss:example.com', 'alphavantage']));
  });

  it('records_skipped_items_with_their_reason', async () => {
    await store.ingest([], [{ source: 'newsapi', sourceId: 'x-1', reason: 'headline: is required' }], T0);
    const { rows } = await db.pool.query(`SELECT source, source_id, reason FROM news_skips`);
    expect(rows).toEqual([{ source: 'newsapi', source_id: 'x-1', reason: 'headline: is required' }]);
  });

  it('creates_one_story_when_two_collectors_ingest_the_same_item_at_once', async () => {
    const x = item({ source: 'alpaca', sourceId: 'race-1', symbols: ['RACE'], headline: 'Race Inc wins a large defense contract' });
    const y = item({ source: 'sec-edgar', sourceId: 'race-2', symbols: ['RACE'], headline: 'Race Inc wins a large defense contract' });
    await Promise.all([store.ingest([x], [], T0), store.ingest([y], [], T0), store.ingest([x], [], T0)]);
    const { rows } = await db.pool.query(`SELECT count(DISTINCT story_id)::int AS stories, count(*)::int AS items FROM news_items WHERE 'RACE' = ANY(symbols)`);
    expect(rows[0]).toEqual({ stories: 1, items: 2 });
  });

  it('reports_the_newest_version_per_source', async () => {
    const newest = await store.newestVersionBySource();
    expect(newest.get('alpaca')).toBe(T0 + 60_000);
  });
});
