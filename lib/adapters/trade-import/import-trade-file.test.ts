import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { PgReportingReader } from '../postgres/reporting.repo.ts';
import { importTradeFile } from './import-trade-file.ts';
import { checkOpenPositions } from './reconcile-positions.ts';

let db: TestDb;
let dir: string;
beforeAll(async () => {
  db = await createTestDb();
  dir = await mkdtemp(path.join(os.tmpdir(), 'trades-'));
});
afterAll(async () => {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, content);
  return p;
}

async function run(p: string, dryRun: boolean, known: ReadonlySet<string> | null = null) {
  const client = dryRun ? null : await db.pool.connect();
  try {
    return await importTradeFile(client, p, path.basename(p), known);
  } finally {
    client?.release();
  }
}

async function counts(): Promise<{ fills: number; trades: number }> {
  const { rows } = await db.pool.query<{ fills: number; trades: number }>('SELECT (SELECT count(*)::int FROM fills) AS fills, (SELECT count(*)::int FROM trades) AS trades');
  return rows[0]!;
}

const GENERIC = `time,symbol,side,qty,price,fee,order_id
2024-03-01T14:31:00Z,AAPL,buy,10,180.50,0.10,o-1
2024-03-01T14:45:00-00:00,aapl,sell,10,182.00,0.10,o-2
2024-03-01T15:00:00.250+00:00,MSFT,buy,5,410,0,o-3
`;

describe('import:trades', () => {
  it('dry_run_prints_what_would_be_written_and_writes_nothing', async () => {
    const report = await run(await file('generic-dry.csv', GENERIC), true);
    expect(report).toMatchObject({ fills: 3, trips: 1, rejected: [], written: null });
    expect(report.preview[0]).toContain('trade AAPL long 10');
    expect(report.open).toEqual([expect.objectContaining({ symbol: 'MSFT', side: 'long', qty: 5 })]);
    expect(await counts()).toEqual({ fills: 0, trades: 0 });
  });

  it('writes_fills_and_round_trips_marked_imported_once_however_often_it_runs', async () => {
    const p = await file('generic.csv', GENERIC);
    const first = await run(p, false);
    expect(first.written).toEqual({ fills: 3, trips: 1 });
    const again = await run(p, false);
    expect(again.written).toEqual({ fills: 0, trips: 0 });
    expect(await counts()).toEqual({ fills: 3, trades: 1 });
    const { rows } = await db.pool.query('SELECT symbol, side, qty, entry_price, exit_price, pnl_usd, fees_usd, imported_from, exit_reason FROM trades');
    expect(rows).toEqual([{ symbol: 'AAPL', side: 'long', qty: 10, entry_price: 180.5, exit_price: 182, pnl_usd: expect.closeTo(14.8, 9), fees_usd: expect.closeTo(0.2, 9), imported_from: 'generic.csv', exit_reason: 'unknown' }]);
    const linked = await db.pool.query('SELECT count(*)::int AS n FROM fills WHERE trade_id IS NOT NULL AND imported_from = $1', ['generic.csv']);
    expect(linked.rows[0].n).toBe(2);
    // Shown like any other trade, marked imported.
    const page = await new PgReportingReader(db.pool).trades({ limit: 10 } as never);
    expect(page.trades).toEqual([expect.objectContaining({ symbol: 'AAPL', imported: true, pnlUsd: expect.closeTo(14.8, 9) })]);
  });

  it('reads_alpaca_activities_json_newest_first_keeping_only_fills', async () => {
    const activities = [
      { id: '20240301150000000::b', activity_type: 'FILL', transaction_time: '2024-03-01T15:00:00Z', type: 'fill', price: '101.5', qty: '3', side: 'sell', symbol: 'TSLA', leaves_qty: '0', order_id: 'ob', cum_qty: '3' },
      { id: '20240301000000000::d', activity_type: 'DIV', date: '2024-03-01', net_amount: '1.2', symbol: 'TSLA' },
      { id: '20240301143000000::a', activity_type: 'FILL', transaction_time: '2024-03-01T14:30:00Z', type: 'fill', price: '100', qty: '3', side: 'buy', symbol: 'TSLA', leaves_qty: '0', order_id: 'oa', cum_qty: '3' },
    ];
    const report = await run(await file('activities.json', JSON.stringify(activities)), false);
    expect(report).toMatchObject({ fills: 2, trips: 1, rejected: [], written: { fills: 2, trips: 1 } });
    const { rows } = await db.pool.query(`SELECT id FROM fills WHERE symbol = 'TSLA' ORDER BY at`);
    expect(rows.map((r) => r.id)).toEqual(['20240301143000000::a', '20240301150000000::b']);
  });

  it('reads_alpaca_activities_csv_with_the_apis_field_names', async () => {
    const csv = 'activity_type,id,transaction_time,type,symbol,side,qty,price,order_id,cum_qty,leaves_qty\nFILL,x1,2024-03-04T14:30:00Z,fill,NVDA,buy,2,800,n1,2,0\nFILL,x2,2024-03-04T14:50:00Z,fill,NVDA,sell,2,790,n2,2,0\n';
    const report = await run(await file('activities.csv', csv), true);
    expect(report).toMatchObject({ fills: 2, trips: 1, rejected: [] });
    expect(report.preview[0]).toContain('P&L -20.00 USD');
  });

  it('reads_a_state_file_and_compares_its_open_positions_with_the_brokers', async () => {
    const state = {
      format: 'catalyst-trades/v1',
      open_positions: [{ symbol: 'AMD', side: 'long', qty: 7, avg_entry_price: 150 }, { symbol: 'META', side: 'long', qty: 2, avg_entry_price: 500 }],
      closed_trades: [{ symbol: 'MSFT', side: 'short', qty: 5, entry_at: '2024-03-01T14:35:00Z', entry_price: 410, exit_at: '2024-03-01T15:10:00-05:00', exit_price: 400, fees_usd: 0.05, exit_reason: 'take_profit' }],
    };
    const p = await file('state.json', JSON.stringify(state));
    const report = await run(p, false);
    expect(report).toMatchObject({ trips: 1, rejected: [], written: { fills: 0, trips: 1 } });
    expect((await run(p, false)).written).toEqual({ fills: 0, trips: 0 });
    const { rows } = await db.pool.query(`SELECT pnl_usd, exit_reason FROM trades WHERE symbol = 'MSFT'`);
    expect(rows).toEqual([{ pnl_usd: expect.closeTo(49.95, 9), exit_reason: 'take_profit' }]);
    const broker = [
      { symbol: 'AMD', side: 'long', qty: 7 },
      { symbol: 'NVDA', side: 'long', qty: 1 },
    ] as never;
    expect(checkOpenPositions(report.open, broker).map((c) => [c.symbol, c.verdict])).toEqual([
      ['AMD', 'match'],
      ['META', 'not at the broker'],
      ['NVDA', 'only at the broker'],
    ]);
  });
});

describe('import:trades bad input', () => {
  const before = async () => counts();
  const rejects = async (name: string, content: string | Buffer, known: ReadonlySet<string> | null = null) => {
    const start = await before();
    const report = await run(await file(name, content), false, known);
    expect(report.written).toBeNull();
    expect(await counts()).toEqual(start);
    return report.rejected;
  };
  const fails = async (name: string, content: string | Buffer) => {
    const start = await before();
    await expect(run(await file(name, content), false)).rejects.toThrow();
    expect(await counts()).toEqual(start);
    return run(await file(name, content), false).catch((e: Error) => e.message);
  };

  it('fails_a_file_with_a_wrong_header_naming_what_was_expected', async () => {
    expect(await fails('bad-header.csv', 'date,ticker,side,qty,price\n2024-03-01T14:31:00Z,AAPL,buy,1,1\n')).toMatch(/wrong header "date,ticker,side,qty,price".*time,symbol,side,qty,price,fee/);
  });

  it('rejects_unparseable_numbers_negative_prices_and_quantities_with_their_line_and_writes_nothing', async () => {
    const rows = await rejects('numbers.csv', 'time,symbol,side,qty,price,fee\n2024-03-01T14:31:00Z,AAPL,buy,10,180.5,0\n2024-03-01T14:32:00Z,AAPL,buy,ten,180.5,0\n2024-03-01T14:33:00Z,AAPL,buy,1,-3,0\n2024-03-01T14:34:00Z,AAPL,buy,-1,3,0\n2024-03-01T14:35:00Z,AAPL,hold,1,3,0\n');
    expect(rows).toEqual([
      { line: 3, reason: 'qty: "ten" is not a number' },
      { line: 4, reason: 'price: -3 must be greater than 0' },
      { line: 5, reason: 'qty: -1 must be greater than 0' },
      { line: 6, reason: 'side: "hold" must be buy or sell' },
    ]);
  });

  it('rejects_unsorted_and_duplicate_rows', async () => {
    const rows = await rejects('order.csv', 'time,symbol,side,qty,price,fee\n2024-03-01T14:31:00Z,AAPL,buy,1,1,0\n2024-03-01T14:31:00Z,AAPL,buy,1,1,0\n2024-03-01T14:30:00Z,AAPL,sell,1,1,0\n');
    expect(rows).toEqual([
      { line: 3, reason: expect.stringContaining('duplicate of an earlier row') },
      { line: 4, reason: expect.stringContaining('rows must be in time order, oldest first') },
    ]);
  });

  it('rejects_unknown_symbols_and_times_without_a_zone', async () => {
    const rows = await rejects('symbols.csv', 'time,symbol,side,qty,price,fee\n2024-03-01T14:31:00Z,ZZZZ,buy,1,1,0\n2024-03-01 14:32:00,AAPL,buy,1,1,0\n', new Set(['AAPL']));
    expect(rows).toEqual([
      { line: 2, reason: 'symbol: ZZZZ is not an asset the broker lists' },
      { line: 3, reason: 'time: "2024-03-01 14:32:00" has no time zone (add Z or an offset such as -05:00)' },
    ]);
  });

  it('names_empty_binary_and_utf16_files', async () => {
    expect(await fails('empty.csv', '')).toMatch(/empty/);
    expect(await fails('binary.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]))).toMatch(/binary/);
    expect(await fails('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('time,symbol\n', 'utf16le')]))).toMatch(/UTF-16/);
    expect(await fails('state-bad.json', '{"format": "something-else"}')).toMatch(/neither a list of Alpaca account activities nor a state file/);
  });
});
