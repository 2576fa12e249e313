import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import type { NewsItem } from '../../domain/news.ts';
import { parseBarCsv } from './bar-csv.import.ts';
import { PgHistoryRepo } from './history.repo.ts';
import { HAS_SHARED_DATA, sharedFile } from './shared-data.test-support.ts';

let db: TestDb;
let statements = 0;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.drop();
});

/** The real pool, counting the statements sent through it. */
function countingPool(): pg.Pool {
  return { query: (...args: Parameters<pg.Pool['query']>) => (statements++, db.pool.query(...args)) } as unknown as pg.Pool;
}

const tweet = (id: string, symbols: string[]): NewsItem => ({
  source: 'tweets',
  sourceId: id,
  version: Date.parse('2014-01-02T15:00:00Z'),
  publishedAt: Date.parse('2014-01-02T15:00:00Z'),
  receivedAt: Date.parse('2014-01-02T15:00:00Z'),
  headline: '$AAPL $GOOG both up',
  summary: '',
  url: null,
  symbols,
  contentHash: 'h',
  meta: { cashtags: ['AAPL', 'GOOG'] },
});

describe.skipIf(!HAS_SHARED_DATA)('PgHistoryRepo with ../shared/data/bars/minute/AAPL_Minute.csv', () => {
  it('upserts_bars_one_statement_per_batch_and_is_idempotent', async () => {
    const { bars } = parseBarCsv(readFileSync(sharedFile('bars/minute/AAPL_Minute.csv'), 'utf8'), { file: 'AAPL_Minute.csv' });
    const repo = new PgHistoryRepo(countingPool(), 500);
    statements = 0;
    expect(await repo.upsertBars(bars, 'AAPL_Minute.csv')).toEqual({ inserted: 1167, updated: 0, unchanged: 0 });
    expect(statements).toBe(3);
    expect(await repo.upsertBars(bars, 'AAPL_Minute.csv')).toEqual({ inserted: 0, updated: 0, unchanged: 1167 });
    const changed = bars.map((b, i) => (i === 10 ? { ...b, bar: { ...b.bar, v: b.bar.v + 1 } } : b));
    expect(await repo.upsertBars(changed, 'AAPL_Minute.csv')).toEqual({ inserted: 0, updated: 1, unchanged: 1166 });
    const loaded = await repo.loadBars({ timeframe: '1Min', from: bars[0]!.bar.t, to: bars.at(-1)!.bar.t + 1 });
    expect(loaded).toEqual(changed);
    expect(await repo.series()).toEqual([{ symbol: 'AAPL', timeframe: '1Min', bars: 1167, first: bars[0]!.bar.t, last: bars.at(-1)!.bar.t }]);
  });
});

describe('PgHistoryRepo news', () => {
  it('merges_the_symbols_of_one_story_seen_in_two_files', async () => {
    const repo = new PgHistoryRepo(db.pool);
    expect(await repo.upsertNews([tweet('418229860210057216', ['AAPL'])])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(await repo.upsertNews([tweet('418229860210057216', ['GOOG'])])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await repo.upsertNews([tweet('418229860210057216', ['GOOG']), tweet('418229860210057216', ['AAPL'])])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    const [stored] = await repo.loadNews({ from: Date.parse('2014-01-01T00:00:00Z'), to: Date.parse('2014-01-03T00:00:00Z') });
    expect(stored).toEqual({ ...tweet('418229860210057216', ['AAPL', 'GOOG']) });
  });
});
