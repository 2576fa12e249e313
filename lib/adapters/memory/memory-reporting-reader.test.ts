import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/support/db.ts';
import { PgTradingStore } from '../postgres/trading/trading-store.ts';
import { PgTradingStateStore } from '../postgres/trading/state.repo.ts';
import { PgReportingReader } from '../postgres/reporting.repo.ts';
import { PgAnalysisStore } from '../postgres/analysis.repo.ts';
import { PgNewsStore } from '../postgres/news.repo.ts';
import { PgCycleStore } from '../postgres/cycles.repo.ts';
import { reportingReaderContract } from '../../ports/contracts/reporting-reader.contract.ts';
import { MIN, seedSession, type ReportingWorld } from '../../ports/contracts/reporting-seed.ts';
import { account, snapshot, T0 } from '../../ports/contracts/trading-fixtures.ts';
import { MemoryTradingTables } from './memory-trading-tables.ts';
import { MemoryTradingStore } from './memory-trading-store.ts';
import { MemoryTradingStateStore } from './memory-trading-state.ts';
import { MemoryReportingReader } from './memory-reporting-reader.ts';

const sameStory = (a: { fingerprint: string }, b: { fingerprint: string }) => a.fingerprint === b.fingerprint;

async function postgres(): Promise<ReportingWorld> {
  const db = await createTestDb();
  return {
    reader: new PgReportingReader(db.pool), store: new PgTradingStore(db.pool), state: new PgTradingStateStore(db.pool),
    analysis: new PgAnalysisStore(db.pool), news: new PgNewsStore(db.pool, sameStory), cycles: new PgCycleStore(db.pool), close: () => db.drop(),
  };
}

/** Trading in memory; candidates, news and cycles in Postgres stores, read through their ports. */
async function memory(): Promise<ReportingWorld> {
  const db = await createTestDb();
  const tables = new MemoryTradingTables();
  const sources = { analysis: new PgAnalysisStore(db.pool), news: new PgNewsStore(db.pool, sameStory), cycles: new PgCycleStore(db.pool) };
  return { reader: new MemoryReportingReader(tables, sources), store: new MemoryTradingStore(tables), state: new MemoryTradingStateStore(tables), ...sources, close: () => db.drop() };
}

reportingReaderContract('postgres', postgres);
reportingReaderContract('memory', memory);

describe('MemoryReportingReader against PgReportingReader on the same session', () => {
  it('answers_every_query_with_the_same_rows_in_the_same_order', async () => {
    const [pg, mem] = [await postgres(), await memory()];
    try {
      const [a, b] = [await seedSession(pg), await seedSession(mem)];
      expect(b).toEqual(a);
      const ask = async (w: ReportingWorld) => ({
        state: await w.reader.tradingState(), account: await w.reader.latestAccount(), positions: await w.reader.positions(),
        orders: await w.reader.orders({ limit: 50 }), ordersAcme: await w.reader.orders({ symbol: 'ACME', status: 'filled', limit: 1 }),
        trades: await w.reader.trades({ limit: 50 }), page: await w.reader.trades({ limit: 1 }), closed: await w.reader.closedTrades(0),
        equity: await w.reader.equity(0, 3), equityAll: await w.reader.equity(0, 100), latest: await w.reader.latestCycleWithCandidates(),
        candidates: await w.reader.candidates(1), news: await w.reader.news({ knownAt: T0, limit: 50 }), cycles: await w.reader.cycles(50),
        fills: await w.reader.fills('ACME', 0, T0 + 60 * MIN), audit: await w.reader.tradeAudit(a.tradeId), metrics: await w.reader.metrics(),
      });
      const [want, got] = [await ask(pg), await ask(mem)];
      for (const key of Object.keys(want) as (keyof typeof want)[]) expect({ [key]: JSON.stringify(got[key]) }).toEqual({ [key]: JSON.stringify(want[key]) });
    } finally {
      await pg.close();
      await mem.close();
    }
  });
});

describe('MemoryReportingReader equity curve', () => {
  it('dates_each_point_in_new_york_as_postgres_does_across_days_and_both_daylight_saving_changes', async () => {
    const [pg, mem] = [await postgres(), await memory()];
    try {
      // Every 29 minutes over four days around each change (2021-03-14 and 2021-11-07), so points fall on both sides of every midnight.
      const times = [Date.parse('2021-03-12T00:00:00Z'), Date.parse('2021-11-05T00:00:00Z')].flatMap((start) => Array.from({ length: 200 }, (_, n) => start + n * 29 * MIN));
      for (const w of [pg, mem]) for (const [n, at] of times.entries()) await w.store.applySnapshot(snapshot(at, { account: account(100_000 + n) }), [], null);
      const [want, got] = [await pg.reader.equity(0, 1000), await mem.reader.equity(0, 1000)];
      expect(got).toEqual(want);
      expect(new Set(got.map((p) => p.date)).size).toBe(10);
      expect(await mem.reader.equity(0, 7)).toEqual(await pg.reader.equity(0, 7));
    } finally {
      await pg.close();
      await mem.close();
    }
  });
});
