// Spawns scripts/backtest.ts as `npm run backtest` would: the errors a user meets before a run, and a run over
// an empty history that must leave nothing behind (its scratch schema dropped).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { createPool } from '../lib/adapters/postgres/pool.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

function backtest(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/backtest.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('npm run backtest', () => {
  it('refuses_an_unwritable_json_path_before_the_run', async () => {
    const started = Date.now();
    const r = await backtest(['--from', '2026-11-16', '--json', '/proc/no-such-dir/report.json'], { DATABASE_URL: '' });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/--json \/proc\/no-such-dir\/report.json: cannot write there \(ENOENT\)/);
    expect(r.out).not.toMatch(/Simulation|Backtest:/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('names_the_bad_argument_and_what_was_expected', async () => {
    const [noFrom, badDate, weekend, noHistory] = await Promise.all([
      backtest([]),
      backtest(['--from', '2026-13-01']),
      backtest(['--from', '2026-11-21', '--to', '2026-11-22']),
      backtest(['--from', '2026-11-16'], { DATABASE_URL: '' }),
    ]);
    expect(noFrom).toMatchObject({ code: 2 });
    expect(noFrom.out).toContain('--from is required');
    expect(badDate).toMatchObject({ code: 2 });
    expect(badDate.out).toContain('--from must be a date like 2026-11-16 (got 2026-13-01)');
    expect(weekend.out).toContain('No trading session between 2026-11-21 and 2026-11-22');
    expect(noHistory).toMatchObject({ code: 1 });
    expect(noHistory.out).toContain('Set DATABASE_URL, or add --synthetic');
  }, 60_000);

  it.skipIf(inject('databaseKind') !== 'postgres')('says_when_no_history_is_stored_and_drops_its_scratch_schema', async () => {
    const pool = createPool({ url: inject('databaseUrl'), max: 1 });
    const scratch = async () => (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE 'backtest\\_%'`)).rows[0]!.n;
    try {
      const before = await scratch();
      const run = await backtest(['--from', '1999-03-01', '--symbols', 'NOPE'], { DATABASE_URL: inject('databaseUrl'), UPSTASH_REDIS_REST_URL: inject('redisRestUrl'), UPSTASH_REDIS_REST_TOKEN: inject('redisRestToken') });
      expect(run.code, run.out).toBe(1);
      // The test database's default schema may or may not hold the history tables: either answer says what to do.
      expect(run.out).toMatch(/No stored history between 1998-12-21 and 1999-03-01 for NOPE|DATABASE_URL holds no imported history/);
      expect(run.out).toContain('npm run import:history');
      expect(run.out).not.toContain('    at ');
      expect(await scratch()).toBe(before);
    } finally {
      await pool.end();
    }
  }, 60_000);
});
