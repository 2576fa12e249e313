// Spawns scripts/optimize.ts as `npm run optimize` would: the errors a user meets before a study, and a tiny
// walk-forward study over the synthetic market (2 symbols, 3 sessions, 2 folds, 3 trials, 2 worker threads,
// every trial in memory, only the study in Postgres) that, run again, resumes from its stored trials.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDb, type TestDb } from '../test/support/db.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

function optimize(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/optimize.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('npm run optimize', () => {
  it('with_remote_names_the_settings_that_reach_research_trial_when_none_is_set', async () => {
    const r = await optimize(['--from', '2026-11-16', '--to', '2026-11-18', '--folds', '2', '--trials', '3', '--in-sample', '1', '--out-of-sample', '1', '--synthetic', '--remote'], { DATABASE_URL: 'postgres://127.0.0.1:1/none' });
    expect(r.code).toBe(2);
    expect(r.out).toContain('--remote invokes research/trial: set FUNCTIONS_API_HOST and FUNCTIONS_API_KEY');
  }, 60_000);

  it('names_the_bad_argument_and_what_was_expected', async () => {
    const base = ['--from', '2026-11-16', '--to', '2026-11-18'];
    const [noTo, badObjective, noFolds, badTrials, tooFew, noDb] = await Promise.all([
      optimize(['--from', '2026-11-16']),
      optimize([...base, '--objective', 'alpha', '--folds', '2', '--trials', '3']),
      optimize([...base, '--trials', '3']),
      optimize([...base, '--folds', '2', '--trials', '0']),
      optimize([...base, '--folds', '3', '--trials', '3', '--in-sample', '1', '--out-of-sample', '1'], { DATABASE_URL: 'postgres://127.0.0.1:1/none' }),
      optimize([...base, '--folds', '2', '--trials', '3', '--in-sample', '1', '--out-of-sample', '1'], { DATABASE_URL: '' }),
    ]);
    expect(noTo.out).toContain('--to is required');
    expect(badObjective.out).toContain('--objective must be one of sharpe, sortino, net_pnl, total_return, profit_factor, expectancy (got alpha)');
    expect(noFolds.out).toContain('--folds is required');
    expect(badTrials.out).toContain('--trials must be a whole number >= 1 (got 0)');
    for (const r of [noTo, badObjective, noFolds, badTrials, tooFew]) expect(r.code).toBe(2);
    expect(tooFew.out).toContain('3 session(s) cannot hold 3 fold(s) of 1 in-sample and 1 out-of-sample session(s)');
    expect(noDb).toMatchObject({ code: 1 });
    expect(noDb.out).toContain('set DATABASE_URL to a PostgreSQL database');
  }, 60_000);

  describe.skipIf(inject('databaseKind') !== 'postgres')('a tiny synthetic study', () => {
    let db: TestDb;
    let env: Record<string, string>;
    beforeAll(async () => {
      db = await createTestDb({ migrate: false });
      const url = new URL(db.url);
      url.searchParams.set('options', `-c search_path=${db.schema}`);
      env = { DATABASE_URL: url.toString(), SIM_SYMBOLS: '2' };
    });
    afterAll(async () => {
      await db.drop();
    });
    const args = (workers: number) => ['--from', '2026-11-16', '--to', '2026-11-18', '--objective', 'net_pnl', '--folds', '2', '--in-sample', '1', '--out-of-sample', '1', '--trials', '3', '--workers', String(workers), '--min-trades', '0', '--seed', '5', '--synthetic'];

    it('prints_the_out_of_sample_result_first_and_resumes_from_stored_trials', async () => {
      const first = await optimize(args(2), env);
      expect(first.code, first.out).toBe(0);
      expect(first.out).toMatch(/Research run #\d+: 8 trial\(s\) run, 0 reused/);
      const headline = first.out.indexOf('OUT OF SAMPLE (the headline): 2026-11-17..2026-11-18, 2 session(s)');
      expect(headline).toBeGreaterThan(0);
      expect(first.out.indexOf('in sample (mean over folds)')).toBeGreaterThan(headline);
      expect(first.out).toMatch(/1\. search 2026-11-16\.\.2026-11-16 \(1\) -> test 2026-11-17\.\.2026-11-17 \(1\): chose \{/);
      expect(first.out).toContain('PBO n/a (too few sessions or finalists)');
      expect(first.out).toContain('Monte Carlo');
      expect(first.out).toContain('Assumptions:');
      const scratch = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE 'trial\\_%' OR nspname LIKE 'optimize\\_history\\_%'`);
      expect(scratch.rows[0]!.n).toBe(0);
      // The same study with another number of workers is the same study: it resumes and decides the same.
      const second = await optimize(args(1), env);
      expect(second.code, second.out).toBe(0);
      expect(second.out).toMatch(/Research run #\d+ \(resumed\): 0 trial\(s\) run/);
      const report = (out: string) => out.slice(out.indexOf('OUT OF SAMPLE'));
      expect(report(second.out)).toBe(report(first.out));
    }, 180_000);
  });
});
