import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDb, type TestDb } from './support/db.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
// The CLI reaches the test schema through the connection's search_path, which embedded Postgres (one shared session) cannot give it.
const embedded = inject('databaseKind') === 'embedded';

let db: TestDb;
let dir: string;
beforeAll(async () => {
  db = await createTestDb();
  dir = await mkdtemp(path.join(os.tmpdir(), 'trades-folder-'));
  await mkdir(path.join(dir, 'legacy'));
  await writeFile(path.join(dir, 'generic.csv'), 'time,symbol,side,qty,price,fee,order_id\n2024-03-01T14:31:00Z,AAPL,buy,10,180.5,0.1,o-1\n2024-03-01T14:45:00Z,AAPL,sell,10,182,0.1,o-2\n');
  await writeFile(path.join(dir, 'legacy', 'activities.json'), JSON.stringify([
    { id: '20240304145000000::b', activity_type: 'FILL', transaction_time: '2024-03-04T14:50:00Z', type: 'fill', price: '790', qty: '2', side: 'sell', symbol: 'NVDA', order_id: 'n2' },
    { id: '20240304143000000::a', activity_type: 'FILL', transaction_time: '2024-03-04T14:30:00Z', type: 'fill', price: '800', qty: '2', side: 'buy', symbol: 'NVDA', order_id: 'n1' },
  ]));
  await writeFile(path.join(dir, 'legacy', 'state.json'), JSON.stringify({ format: 'catalyst-trades/v1', open_positions: [{ symbol: 'AMD', side: 'long', qty: 7, avg_entry_price: 150 }], closed_trades: [] }));
  await writeFile(path.join(dir, 'notes.txt'), 'not a trades file\n');
  await writeFile(path.join(dir, 'bad.csv'), 'time,symbol,side,qty,price,fee\n2024-03-05T14:31:00Z,MSFT,buy,1,410,0\n2024-03-05T14:32:00Z,MSFT,sell,one,411,0\n');
});
afterAll(async () => {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number | null; out: string }> {
  const url = new URL(db.url);
  url.searchParams.set('options', `-c search_path=${db.schema}`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import-trades.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: url.toString() } });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, out };
}

const counts = async () => (await db.pool.query<{ fills: number; trades: number }>('SELECT (SELECT count(*)::int FROM fills) AS fills, (SELECT count(*)::int FROM trades) AS trades')).rows[0]!;

describe.skipIf(embedded)('npm run import:trades on a folder', () => {
  it('imports_every_file_it_recognises_in_the_folder_and_below_ignores_others_and_writes_nothing_of_a_file_with_a_bad_row', async () => {
    const dry = await cli(dir, '--dry-run');
    expect(dry.code, dry.out).toBe(1);
    expect(dry.out).toContain('Dry run (nothing is written): 5 file(s)');
    expect(await counts()).toEqual({ fills: 0, trades: 0 });

    const run = await cli(dir);
    expect(run.code, run.out).toBe(1);
    expect(run.out).toContain('bad.csv: 1 row(s) rejected; nothing written');
    expect(run.out).toContain('bad.csv:3: qty: "one" is not a number');
    expect(run.out).toContain('generic.csv: 2 fill(s), 1 closed trade(s), 0 open position(s); new in the database: 2 fill(s), 1 trade(s)');
    expect(run.out).toContain(`${path.join('legacy', 'activities.json')}: 2 fill(s), 1 closed trade(s), 0 open position(s); new in the database: 2 fill(s), 1 trade(s)`);
    expect(run.out).toContain(`${path.join('legacy', 'state.json')}: 0 fill(s), 0 closed trade(s), 1 open position(s)`);
    expect(run.out).toContain('notes.txt: ignored');
    expect(run.out).toContain('open: AMD long 7 @ 150');
    expect(await counts()).toEqual({ fills: 4, trades: 2 });

    const again = await cli(dir);
    expect(again.out).toContain('generic.csv: 2 fill(s), 1 closed trade(s), 0 open position(s); new in the database: 0 fill(s), 0 trade(s)');
    expect(await counts()).toEqual({ fills: 4, trades: 2 });
  }, 120_000);
});
