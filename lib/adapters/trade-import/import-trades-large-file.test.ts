import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TARGET_BYTES = 250 * 1024 * 1024;
const SMALL_BYTES = 10 * 1024 * 1024;
const SYMBOLS = 40;
const PAD = 'x'.repeat(170);

let dir: string;
let file: string;
let small: string;
let lines = 0;
let smallLines = 0;

/** Writes a generic CSV of about `target` bytes: round trips on 40 symbols (chunks of 8,000 rows close every one), one fill a second, long order ids. */
async function writeCsv(p: string, target: number): Promise<number> {
  let lines = 0;
  const out = createWriteStream(p);
  out.write('time,symbol,side,qty,price,fee,order_id\n');
  let bytes = 0;
  let t = Date.UTC(2023, 0, 3, 14, 30);
  while (bytes < target) {
    let chunk = '';
    for (let i = 0; i < 8_000; i++, lines++, t += 1_000) {
      const s = lines % SYMBOLS;
      const side = Math.floor(lines / SYMBOLS) % 2 === 0 ? 'buy' : 'sell';
      chunk += `${new Date(t).toISOString()},S${s},${side},${1 + (s % 7)},${(20 + s + (lines % 97) / 100).toFixed(2)},0.01,${PAD}${lines}\n`;
    }
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return lines;
}

/** Runs a dry import of `p` in its own process; its output and peak resident memory (MB, from GNU time). */
async function dryRun(p: string): Promise<{ code: number | null; out: string; maxRssMb: number }> {
  const child = spawn('/usr/bin/time', ['-f', 'MAXRSS_KB=%M', process.execPath, '--import', 'tsx', 'scripts/import-trades.ts', p, '--dry-run'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  const kb = /MAXRSS_KB=(\d+)/.exec(err);
  return { code, out: `${out}\n${err}`, maxRssMb: kb ? Number(kb[1]) / 1024 : Number.NaN };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'trades-large-'));
  file = path.join(dir, 'large.csv');
  small = path.join(dir, 'small.csv');
  lines = await writeCsv(file, TARGET_BYTES);
  smallLines = await writeCsv(small, SMALL_BYTES);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('import:trades on a file of several hundred megabytes', () => {
  it('streams_it_with_bounded_memory_measured_as_the_child_processes_max_rss', async () => {
    const size = (await stat(file)).size;
    expect(size).toBeGreaterThan(TARGET_BYTES);
    // GNU time reports each import process's peak resident set; no database: a dry run reads and checks every
    // row and pairs every round trip exactly as a real import does, then writes nothing.
    const base = await dryRun(small);
    expect(base.code, base.out).toBe(0);
    expect(base.out).toContain(`would write ${smallLines} fill(s), ${smallLines / 2} closed trade(s), 0 open position(s)`);
    const big = await dryRun(file);
    expect(big.code, big.out).toBe(0);
    expect(big.out).toContain(`would write ${lines} fill(s), ${lines / 2} closed trade(s), 0 open position(s)`);
    // Bounded: 25 times the rows cost at most 64 MB more than the small file's run (whose peak is mostly
    // Node, tsx and the modules), and the peak stays below the file's size (holding it as a string would double it).
    const note = `peak ${big.maxRssMb.toFixed(0)} MB for ${(size / 1024 / 1024).toFixed(0)} MB, ${base.maxRssMb.toFixed(0)} MB for ${SMALL_BYTES / 1024 / 1024} MB`;
    expect(big.maxRssMb - base.maxRssMb, note).toBeLessThan(64);
    expect(big.maxRssMb, note).toBeLessThan(size / 1024 / 1024);
  }, 600_000);
});
