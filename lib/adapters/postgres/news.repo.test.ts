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

// The behaviour every NewsStore shares is in lib/ports/contracts/news-store.contract.ts; these check the rows only Postgres keeps.
describe('PgNewsStore (real PostgreSQL)', () => {
  let db: TestDb;
  let store: PgNewsStore;
  beforeAll(async () => {
    db = await createTestDb();
    store = new PgNewsStore(db.pool, sameStory);
  });
  afterAll(() => db.drop());

  it('keeps_every_source_of_a_joined_story_in_its_row', async () => {
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
});
