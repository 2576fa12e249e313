// Spawns scripts/backtest.ts as `npm run backtest` would: the errors a user meets before a run, and a run over
// an empty history that must leave nothing behind (its scratch schema dropped).
import { spawn } from 'node:child_process';
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import { createPool } from '../lib/adapters/postgres/pool.ts';
import { backtestReportSchema } from './backtest-report.schema.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Runs the CLI with its stdout piped (not a terminal); `interruptWhen` sends one Ctrl-C once the output matches it. */
function backtest(args: string[], env: Record<string, string> = {}, interruptWhen?: RegExp): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/backtest.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
    let out = '';
    let interrupted = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (interruptWhen && !interrupted && interruptWhen.test(out)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
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

  it('refuses_save_without_a_database_before_the_run', async () => {
    const r = await backtest(['--from', '2026-11-16', '--synthetic', '--save'], { DATABASE_URL: '' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('--save stores the run in the research runs of DATABASE_URL');
    expect(r.out).not.toMatch(/Replaying|    at /);
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
      const run = await backtest(['--from', '1999-03-01', '--symbols', 'NOPE', '--db'], { DATABASE_URL: inject('databaseUrl'), UPSTASH_REDIS_REST_URL: inject('redisRestUrl'), UPSTASH_REDIS_REST_TOKEN: inject('redisRestToken') });
      expect(run.code, run.out).toBe(1);
      // The test database's default schema may or may not hold history: every answer says what to do.
      expect(run.out).toMatch(/No stored history between 1999-03-01 and 1999-03-01 for NOPE\. Stored: |DATABASE_URL holds no imported history/);
      expect(run.out).toContain('npm run import:history');
      expect(run.out).not.toContain('    at ');
      expect(await scratch()).toBe(before);
    } finally {
      await pool.end();
    }
  }, 60_000);

  it.skipIf(inject('databaseKind') !== 'postgres')('ctrl_c_stops_after_the_current_tick_and_prints_and_writes_the_partial_report', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'backtest-cli-'));
    const file = path.join(dir, 'report.json');
    try {
      const env = { DATABASE_URL: inject('databaseUrl'), UPSTASH_REDIS_REST_URL: inject('redisRestUrl'), UPSTASH_REDIS_REST_TOKEN: inject('redisRestToken'), SIM_SYMBOLS: '3' };
      const run = await backtest(['--from', '2026-11-16', '--to', '2026-11-17', '--synthetic', '--db', '--json', file], env, /^Replaying /m);
      expect(run.code, run.out).toBe(130);
      expect(run.out).toContain('Ctrl-C: stopping after the current tick');
      expect(run.out).toMatch(/INTERRUPTED \(Ctrl-C\): replayed [01] of 2 session\(s\)/);
      expect(run.out).toMatch(/Decisions digest: [0-9a-f]{64}/);
      // Piped, not a terminal: no progress line, no cursor control.
      expect(run.out).not.toMatch(/\r|\x1b\[/);
      expect(run.out).not.toContain('bars/s  orders');
      const report = backtestReportSchema.parse(JSON.parse(await readFile(file, 'utf8')));
      expect(report.summary.interrupted).toBe(true);
      expect(report.settings).toMatchObject({ from: '2026-11-16', to: '2026-11-17', sessions: 2, history: 'synthetic', storage: 'postgres', seed: 42 });
      expect(report.summary.sessionsReplayed).toBeLessThan(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
