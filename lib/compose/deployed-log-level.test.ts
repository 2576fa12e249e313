import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, runtimeEnvFor, type TestDb } from '../../test/support/db.ts';

// A deployed function sees only what project.yml gives it: CATALYST_SETTINGS (the whole .env as JSON) and the
// platform's own variables. So the function runs in a child process whose environment holds nothing else.
const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const SCRIPT = "const { main } = await import('./packages/reporting/health/handler.ts'); const r = await main({}); process.stderr.write(`status ${r.statusCode}\\n`); process.exit(0);";

async function deployedHealthLines(settings: Record<string, string>): Promise<{ level: string; msg: string }[]> {
  const env = { PATH: process.env.PATH ?? '', CATALYST_SETTINGS: JSON.stringify(settings) };
  const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], { cwd: ROOT, env, timeout: 60_000 });
  // 503 is health's honest answer on a database no tick has written to yet; a 500 would be a crash.
  expect(stderr).toMatch(/status (200|503)/);
  return stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: string; msg: string });
}

describe('a deployed function takes LOG_LEVEL from CATALYST_SETTINGS', { timeout: 90_000, concurrent: true }, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  }, 60_000);
  afterAll(async () => db?.drop());

  it('logs_its_invocation_line_at_info_level', async () => {
    const lines = await deployedHealthLines({ ...runtimeEnvFor(db), LOG_LEVEL: 'info' });
    expect(lines.some((l) => l.level === 'info' && l.msg === 'invocation')).toBe(true);
  });

  it('drops_info_lines_when_the_settings_say_warn', async () => {
    const lines = await deployedHealthLines({ ...runtimeEnvFor(db), LOG_LEVEL: 'warn' });
    expect(lines.filter((l) => l.level === 'info' || l.level === 'debug')).toEqual([]);
  });
});
