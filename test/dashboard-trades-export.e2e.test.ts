import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTrades, TRADES_CSV_HEADER, tradesCsv } from '../dashboard/src/pages/trades-csv.ts';
import type { Trade } from '../dashboard/src/api/types.ts';
import { PgReportingReader } from '../lib/adapters/postgres/reporting.repo.ts';
import { importTradeFile } from '../lib/adapters/trade-import/import-trade-file.ts';
import { createTestDb, type TestDb } from './support/db.ts';

// Trades as the first system recorded them: fees, a short, a scale-in, a crypto pair, interleaved symbols,
// a symbol traded twice with the second entry at the instant the first exit filled.
const HISTORY = `time,symbol,side,qty,price,fee,order_id
2024-03-01T14:31:00Z,AAPL,buy,5,100,0.05,a1
2024-03-01T14:32:00Z,MSFT,sell,4,410.25,0.02,m1
2024-03-01T14:33:00Z,AAPL,buy,5,102,0.05,a2
2024-03-01T14:40:00Z,BTC/USD,buy,0.0125,61234.5,0.19,b1
2024-03-01T14:45:00Z,AAPL,sell,10,105.37,0.1,a3
2024-03-01T14:45:00Z,AAPL,buy,3,104,0,a4
2024-03-01T14:50:00Z,MSFT,buy,4,405,0.02,m2
2024-03-01T15:10:00Z,BTC/USD,sell,0.0125,60999.99,0.19,b2
2024-03-01T15:20:00Z,AAPL,sell,3,103.5,0.01,a5
`;

let source: TestDb;
let target: TestDb;
let dir: string;
beforeAll(async () => {
  [source, target] = await Promise.all([createTestDb(), createTestDb()]);
  dir = await mkdtemp(path.join(os.tmpdir(), 'trades-export-'));
});
afterAll(async () => {
  await Promise.all([source.drop(), target.drop()]);
  await rm(dir, { recursive: true, force: true });
});

async function importFile(db: TestDb, name: string, text: string) {
  const file = path.join(dir, name);
  await writeFile(file, text);
  const client = await db.pool.connect();
  try {
    return await importTradeFile(client, file, name, null);
  } finally {
    client.release();
  }
}

/** What the Trades page shows, every page of it (two trades a page, so the export follows the pager). */
async function shown(db: TestDb): Promise<Trade[]> {
  const reader = new PgReportingReader(db.pool);
  return allTrades((beforeId) => reader.trades({ status: 'all', limit: 2, ...(beforeId === undefined ? {} : { beforeId }) }) as Promise<{ trades: Trade[]; nextBeforeId: number | null }>);
}

const comparable = (trades: Trade[]) =>
  trades
    .map((t) => ({ symbol: t.symbol, side: t.side, qty: t.qty, openQty: t.openQty, entryAt: t.entryAt, entryPrice: expect.closeTo(t.entryPrice, 9), exitAt: t.exitAt, exitPrice: t.exitPrice, pnlUsd: t.pnlUsd === null ? null : expect.closeTo(t.pnlUsd, 6) }))
    .sort((a, b) => a.entryAt - b.entryAt || a.symbol.localeCompare(b.symbol));

describe('dashboard trades export -> import:trades', () => {
  it('the_exported_csv_imports_elsewhere_as_the_same_trades_and_a_second_import_changes_nothing', async () => {
    expect((await importFile(source, 'history.csv', HISTORY)).rejected).toEqual([]);
    const before = await shown(source);
    // The import leaves NVDA's open fill to reconcile (the broker's position is the truth), so the page
    // shows the four closed trades; a live system's page also shows the positions it holds, as open trades.
    expect(before).toHaveLength(4);
    const held: Trade = { id: 99, symbol: 'AMD', side: 'long', qty: 7, openQty: 4, entryAt: Date.parse('2024-03-01T15:35:00Z'), entryPrice: 151.2, exitAt: null, exitPrice: null, pnlUsd: null, rMultiple: null, exitReason: null, adopted: false };

    const csv = tradesCsv([...before, held]);
    expect(csv.split('\n')[0]).toBe(TRADES_CSV_HEADER);
    const report = await importFile(target, 'catalyst-trades.csv', csv);
    expect(report).toMatchObject({ rejected: [], written: { fills: 9, trips: 4 } });
    expect(report.open).toEqual([expect.objectContaining({ symbol: 'AMD', side: 'long', qty: 4, avgEntryPrice: 151.2 })]);

    const after = await shown(target);
    expect(comparable(after)).toEqual(comparable(before));
    expect(after.every((t) => t.imported)).toBe(true);

    expect((await importFile(target, 'catalyst-trades.csv', csv)).written).toEqual({ fills: 0, trips: 0 });
  });
});
