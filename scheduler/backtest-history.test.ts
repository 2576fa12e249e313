import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test/support/db.ts';
import { PgHistoryRepo } from '../lib/adapters/replay/history.repo.ts';
import { newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import type { HistoryBar } from '../lib/adapters/replay/history-types.ts';
import { BacktestProblem, loadStoredHistory } from './backtest-history.ts';

function minuteBars(symbol: string, date: string, count: number): HistoryBar[] {
  const open = newYorkTime(date, '09:30');
  return Array.from({ length: count }, (_, i) => ({ symbol, timeframe: '1Min' as const, bar: { t: open + i * 60_000, o: 10, h: 10.1, l: 9.9, c: 10, v: 1000, n: 10, vw: 10 } }));
}

describe('stored history for a backtest', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => db?.drop());

  it('says_the_database_holds_no_history_when_nothing_is_imported', async () => {
    const err = await loadStoredHistory(db.pool, { from: '2026-11-16', to: '2026-11-16' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BacktestProblem);
    expect((err as Error).message).toMatch(/DATABASE_URL holds no imported history: import some with `npm run import:history/);
  });

  it('names_the_stored_range_and_symbols_when_the_dates_have_no_history', async () => {
    const repo = new PgHistoryRepo(db.pool);
    await repo.upsertBars([...minuteBars('SPY', '2021-07-01', 5), ...minuteBars('SPY', '2021-08-13', 5), ...minuteBars('UPRO', '2021-07-02', 5)], 'test');
    const err = await loadStoredHistory(db.pool, { from: '2024-03-04', to: '2024-03-05' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BacktestProblem);
    expect((err as Error).message).toBe(
      'No stored history between 2024-03-04 and 2024-03-05. Stored: 1Min bars of 2 symbol(s) (SPY, UPRO) from 2021-07-01 to 2021-08-13. Choose dates and symbols inside that, or import some with `npm run import:history -- <file-or-folder>` (or download it with `npm run history:download`)',
    );
    const otherSymbol = await loadStoredHistory(db.pool, { from: '2021-07-01', to: '2021-07-01', symbols: ['NOPE'] }).catch((e: unknown) => e);
    expect((otherSymbol as Error).message).toMatch(/^No stored history between 2021-07-01 and 2021-07-01 for NOPE\. Stored: 1Min bars of 2 symbol\(s\) \(SPY, UPRO\)/);
  });

  it('loads_the_sessions_when_they_are_stored', async () => {
    const feed = await loadStoredHistory(db.pool, { from: '2021-07-01', to: '2021-07-02' });
    expect(feed.assets().map((a) => a.symbol)).toEqual(['SPY', 'UPRO']);
    expect([...feed.barsBetween(newYorkTime('2021-07-01', '00:00'), newYorkTime('2021-07-03', '00:00'))]).toHaveLength(10);
  });
});
