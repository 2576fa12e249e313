// Spawns scripts/study.ts as `npm run study` would: the errors a user meets before any history is read.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

function study(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/study.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('npm run study', () => {
  it('names_the_bad_argument_and_what_was_expected', async () => {
    const [none, unknown, badDate, badFlag, backwards, noDb, lookaheadNoDb] = await Promise.all([
      study([]),
      study(['regress']),
      study(['events', '--from', '2026-13-01']),
      study(['events', '--from', '2026-11-16', '--bogus']),
      study(['events', '--from', '2026-11-16', '--to', '2026-11-13']),
      study(['events', '--from', '2026-11-16'], { DATABASE_URL: '' }),
      study(['lookahead', '--from', '2026-11-16'], { DATABASE_URL: '' }),
    ]);
    expect(none).toMatchObject({ code: 2 });
    expect(none.out).toContain('a subcommand is required: expected events or lookahead');
    expect(unknown.out).toContain('unknown subcommand regress');
    expect(badDate).toMatchObject({ code: 2 });
    expect(badDate.out).toContain('--from must be a date like 2026-11-16 (got 2026-13-01)');
    expect(badFlag.out).toMatch(/Unknown option '--bogus'[\s\S]*usage: npm run study -- events/);
    expect(backwards.out).toContain('--to (2026-11-13) is before --from (2026-11-16)');
    expect(noDb).toMatchObject({ code: 1 });
    expect(noDb.out).toContain('Set DATABASE_URL, or add --synthetic');
    expect(lookaheadNoDb).toMatchObject({ code: 1 });
    expect(lookaheadNoDb.out).toContain('set DATABASE_URL');
    for (const r of [none, unknown, badDate, badFlag, backwards, noDb, lookaheadNoDb]) expect(r.out).not.toContain('    at ');
  }, 120_000);

  it('refuses_save_without_a_database_before_the_study', async () => {
    const r = await study(['events', '--from', '2026-11-16', '--synthetic', '--save'], { DATABASE_URL: '' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('--save stores the run in the research runs of DATABASE_URL');
    expect(r.out).not.toMatch(/Recording|    at /);
  }, 60_000);
});
