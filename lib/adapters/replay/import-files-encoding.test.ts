import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHistoryFile } from './import-files.ts';

describe('a history file saved in the wrong encoding', () => {
  let dir = '';
  const csv = 'time,open,high,low,close,volume\n2021-08-23 09:30:00-04:00,1,1,1,1,1\n';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'catalyst-enc-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('names_utf16_with_and_without_a_byte_order_mark', async () => {
    const withBom = path.join(dir, 'AAPL.csv');
    await writeFile(withBom, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]));
    await expect(parseHistoryFile(withBom, 'AAPL.csv')).rejects.toThrow(/AAPL\.csv: the file is UTF-16 encoded; save it as UTF-8/);
    const bare = path.join(dir, 'MSFT.csv');
    await writeFile(bare, Buffer.from(csv, 'utf16le'));
    await expect(parseHistoryFile(bare, 'MSFT.csv')).rejects.toThrow(/UTF-16/);
  });

  it('reads_utf8_with_a_byte_order_mark', async () => {
    const file = path.join(dir, 'SPY.csv');
    await writeFile(file, `\ufeff${csv}`);
    const parsed = await parseHistoryFile(file, 'SPY.csv', { timeframe: '1Min' });
    expect(typeof parsed === 'object' && parsed.kind === 'bars' ? parsed.bars.map((b) => b.symbol) : parsed).toEqual(['SPY']);
  });
});
