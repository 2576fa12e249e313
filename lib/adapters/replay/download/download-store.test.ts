import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../../test/support/db.ts';
import type { Bar } from '../../../domain/market.ts';
import { PgDownloadStore } from './download-store.ts';
import { insertBars } from './insert-bars.ts';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.drop();
});

const T = Date.UTC(2026, 3, 6, 13, 30);
const bar = (i: number, over: Partial<Bar> = {}): Bar => ({ t: T + i * 60_000, o: 10.01 + i, h: 10.5 + i, l: 9.99 + i, c: 10.25 + i, v: 1200 + i, vw: 10.2 + i, n: 17 + i, ...over });

async function stored(symbol: string) {
  const { rows } = await db.pool.query(
    `SELECT (extract(epoch FROM t) * 1000)::float8 AS t, o, h, l, c, v, vw, n::float8 AS n, source FROM history_bars WHERE symbol = $1 AND timeframe = '1Min' ORDER BY t`,
    [symbol],
  );
  return rows;
}

describe('download store', () => {
  it('stores_each_bar_exactly_then_counts_only_bars_new_or_changed_when_pages_come_again', async () => {
    const store = new PgDownloadStore(db.pool);
    const first = [bar(0), bar(1, { vw: undefined, n: undefined }), bar(2, { o: 0.1 + 0.2, h: 1 / 3 + 1, l: 1e-4 })];
    expect(await store.storeBars({ timeframe: '1Min', bySymbol: new Map([['BRK.A', first], ['BTC/USD', [bar(0)]]]), source: 'alpaca feed=iex adjustment=split' })).toBe(4);
    expect(await stored('BRK.A')).toEqual(first.map((b) => ({ t: b.t, o: b.o, h: b.h, l: b.l, c: b.c, v: b.v, vw: b.vw ?? null, n: b.n ?? null, source: 'alpaca feed=iex adjustment=split' })));

    // Alpaca corrected one bar: only that one is rewritten and counted; the others are left alone.
    const corrected = [first[0]!, { ...first[1]!, c: 11.3, vw: 11.2 }, first[2]!];
    expect(await store.storeBars({ timeframe: '1Min', bySymbol: new Map([['BRK.A', corrected]]), source: 'alpaca feed=sip adjustment=split' })).toBe(1);
    const after = await stored('BRK.A');
    expect(after.map((r) => [r.c, r.vw, r.source])).toEqual([
      [first[0]!.c, first[0]!.vw, 'alpaca feed=iex adjustment=split'],
      [11.3, 11.2, 'alpaca feed=sip adjustment=split'],
      [first[2]!.c, first[2]!.vw, 'alpaca feed=iex adjustment=split'],
    ]);
    expect(await store.storeBars({ timeframe: '1Min', bySymbol: new Map([['BRK.A', corrected], ['BTC/USD', [bar(0)]]]), source: 'x' })).toBe(0);
  });

  it('refuses_a_page_with_a_price_that_is_not_a_number_and_stores_none_of_it', async () => {
    const store = new PgDownloadStore(db.pool);
    await expect(store.storeBars({ timeframe: '1Min', bySymbol: new Map([['NAN', [bar(0), bar(1, { h: Number.NaN })]]]), source: 'x' })).rejects.toThrow('bar high (h): element 1 must be a finite number, got NaN');
    expect(await stored('NAN')).toEqual([]);
  });

  // Two connections racing for one key needs a server that runs them at once (embedded Postgres is one session).
  it.skipIf(inject('databaseKind') === 'embedded')('a_page_racing_another_writer_for_the_same_bars_is_redone_bar_by_bar_and_stores_nothing_twice', async () => {
    const store = new PgDownloadStore(db.pool);
    const page = [bar(0), bar(1), bar(2)];
    const other = await db.pool.connect();
    try {
      // The other writer has inserted the page but not committed: this page's check sees nothing stored.
      await other.query('BEGIN');
      expect(await insertBars(other, { timeframe: '1Min', bySymbol: new Map([['RACE', page]]), source: 'other' })).toBe(3);
      const ours = store.storeBars({ timeframe: '1Min', bySymbol: new Map([['RACE', [page[0]!, { ...page[1]!, c: 99 }, page[2]!]]]), source: 'ours' });
      // Wait until our insert is blocked on the other writer's keys, then let it commit them.
      const waiting = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO history_bars%'`;
      while ((await db.pool.query<{ n: number }>(waiting)).rows[0]!.n === 0);
      await other.query('COMMIT');
      // Our plain insert failed on the committed keys; the redo compared each bar and changed only the one that differs.
      expect(await ours).toBe(1);
    } finally {
      other.release();
    }
    expect((await stored('RACE')).map((r) => [r.c, r.source])).toEqual([
      [page[0]!.c, 'other'],
      [99, 'ours'],
      [page[2]!.c, 'other'],
    ]);
  });
});
