import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { PgNewsStore } from './news.repo.ts';
import { item, sameStory, T0 } from '../../ports/contracts/news-contract-data.ts';

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
