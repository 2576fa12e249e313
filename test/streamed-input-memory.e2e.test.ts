import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, runtimeEnvFor, type TestDb } from './support/db.ts';

// `npm run import:history`'s and `npm run analyze`'s commands, as child processes holding their own memory, with
// the peak printed at exit.
const ROOT = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);
const MAX_RSS_KB = 300 * 1024;

async function importHistory(db: TestDb, ...args: string[]): Promise<{ code: number; out: string; maxRssKb: number }> {
  const env = { PATH: process.env.PATH ?? '', DATABASE_URL: runtimeEnvFor(db).DATABASE_URL! };
  const argv = ['--import', 'tsx', '--import', './test/support/print-max-rss.mjs', 'scripts/import-history.ts', ...args];
  let result: { code: number; stdout: string; stderr: string };
  try {
    result = { code: 0, ...(await run(process.execPath, argv, { cwd: ROOT, env, maxBuffer: 16 << 20 })) };
  } catch (e) {
    result = e as { code: number; stdout: string; stderr: string };
  }
  const rss = /maxRSS (\d+) kB/.exec(result.stderr);
  return { code: result.code, out: result.stdout + result.stderr, maxRssKb: Number(rss?.[1] ?? Number.NaN) };
}

/** Runs `npm run analyze`'s command on `file`, counting its output lines without keeping them. */
function analyze(file: string): Promise<{ code: number | null; lines: number; stderr: string; maxRssKb: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './test/support/print-max-rss.mjs', 'scripts/analyze.ts', '--bars', file], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } });
  let lines = 0;
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) lines++;
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, lines, stderr, maxRssKb: Number(/maxRSS (\d+) kB/.exec(stderr)?.[1] ?? Number.NaN) })));
}

/** Writes `rows` one-minute bars, each with a wide column the importer ignores: many bytes, few rows to store. */
async function writeWideBars(file: string, rows: number, width: number, lastLine?: string): Promise<void> {
  const out = createWriteStream(file);
  const note = 'x'.repeat(width);
  const t0 = Date.UTC(2021, 0, 4, 14, 30);
  let text = 'time,open,high,low,close,volume,note\n';
  for (let i = 0; i < rows; i++) {
    const o = 100 + Math.sin(i / 50);
    text += `${new Date(t0 + i * 60_000).toISOString()},${o.toFixed(4)},${(o + 0.1).toFixed(4)},${(o - 0.1).toFixed(4)},${o.toFixed(4)},${1000 + (i % 500)},${note}\n`;
    if (text.length > 1 << 20) {
      if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()));
      text = '';
    }
  }
  out.end(text + (lastLine ?? ''));
  await new Promise<void>((r) => out.once('finish', () => r()));
}

describe('npm run import:history and npm run analyze stream their input', { timeout: 120_000 }, () => {
  let db: TestDb;
  let dir = '';
  const count = async (table: string) => Number((await db.pool.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  beforeAll(async () => {
    db = await createTestDb();
    dir = await mkdtemp(path.join(os.tmpdir(), 'catalyst-import-mem-'));
  }, 60_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await db?.drop();
  });

  it('imports_a_100_mb_bar_file_within_300_mb_of_memory', async () => {
    // 100 MB: the whole-file reader peaked at 343 MB on it (and 919 MB parsing a 58 MB minute file).
    const file = path.join(dir, 'WIDE.csv');
    await writeWideBars(file, 25_000, 4_000);
    const result = await importHistory(db, file);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain('WIDE.csv: bars WIDE 1Min: 25000 rows (25000 new, 0 changed, 0 unchanged), 0 skipped');
    expect(result.maxRssKb, result.out).toBeLessThan(MAX_RSS_KB);
    expect(await count("history_bars WHERE symbol = 'WIDE'")).toBe(25_000);
    await rm(file, { force: true });
  });

  it('analyze_prints_every_bar_of_a_150_mb_file_within_300_mb_of_memory', async () => {
    // 150 MB: the whole-file reader peaked at 291 MB on 100 MB of the same rows.
    const file = path.join(dir, 'ANALYZE.csv');
    await writeWideBars(file, 50_000, 3_000);
    const result = await analyze(file);
    await rm(file, { force: true });
    expect(result.code, result.stderr).toBe(0);
    expect(result.lines).toBe(50_000);
    expect(result.maxRssKb, result.stderr).toBeLessThan(MAX_RSS_KB);
  });

  it('a_strict_import_that_meets_a_bad_last_line_writes_nothing_of_the_file', async () => {
    const bars = path.join(dir, 'LATE.csv');
    await writeWideBars(bars, 100, 10, '2023-06-01T14:30:00.000Z,1,2,0.5,oops,100,x\n');
    const barRun = await importHistory(db, bars, '--strict');
    expect(barRun.code).toBe(1);
    expect(barRun.out).toContain('LATE.csv:102: close: expected a number');
    expect(await count("history_bars WHERE symbol = 'LATE'")).toBe(0);
    // Tweets are stored in one pass, batch by batch: the transaction takes the batches already sent back.
    const tweets = path.join(dir, 'tweets.csv');
    const lines = Array.from({ length: 6_000 }, (_, i) => `2021-03-01T15:${String(i % 60).padStart(2, '0')}:00+00:00,${100_000 + i},ACME,$ACME news number ${i}`);
    await writeFile(tweets, ['created_at_utc,tweet_id,ticker,text', ...lines, '2021-03-01T16:00:00+00:00,not-a-number,ACME,bad'].join('\n'));
    const tweetRun = await importHistory(db, tweets, '--strict');
    expect(tweetRun.code).toBe(1);
    expect(tweetRun.out).toContain('tweets.csv:6002: tweet_id: expected a numeric tweet id');
    expect(await count("history_news WHERE source = 'tweets'")).toBe(0);
    // Lenient, the same file lands whole but for the bad row, counted.
    const lenient = await importHistory(db, tweets);
    expect(lenient.code, lenient.out).toBe(0);
    expect(lenient.out).toContain('6000 rows (6000 new, 0 changed, 0 unchanged), 1 skipped');
    expect(await count("history_news WHERE source = 'tweets'")).toBe(6_000);
  });
});
