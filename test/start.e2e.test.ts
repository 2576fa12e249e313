import { existsSync, readFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

/** `npm start`'s command, run with a clean environment (no DATABASE_URL, no Redis settings). */
function start(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const clean: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env };
  const child = spawn(process.execPath, ['--import', 'tsx', 'scheduler/start.ts'], { cwd: ROOT, env: clean });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(pattern: RegExp, output: () => string, timeoutMs: number): Promise<RegExpMatchArray> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const m = output().match(pattern);
    if (m) return m;
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; output so far:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm start on a fresh machine', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('starts_embedded_postgres_and_answers_health_with_every_dependency_up', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'catalyst-start-'));
    dirs.push(dataDir);
    const run = start({ LOCAL_PORT: '0', LOCAL_DATA_DIR: dataDir });
    try {
      const [, healthUrl] = await waitFor(/Health:\s+(\S+)/, run.output, 60_000);
      expect(run.output()).toContain('starting embedded Postgres (PGlite)');
      expect(run.output()).toMatch(/Dashboard: http:\/\/127\.0\.0\.1:\d+\//);
      const res = await fetch(healthUrl!);
      const body = (await res.json()) as { status: string; dependencies: Record<string, { ok: boolean }> };
      expect(res.status).toBe(200);
      expect(Object.values(body.dependencies).every((d) => d.ok)).toBe(true);
      // One structured log line per invocation, in the log file; the console stays for people.
      const logFile = path.join(dataDir, 'logs', 'catalyst.log');
      await waitFor(/"msg":"invocation".*"fn":"reporting\/health"/, () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''), 5000);
      expect(run.output()).toContain(`Logs (JSON lines): `);
      expect(run.output()).not.toContain('{"level":');
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited).toBe(0);
  }, 90_000);

  it('stops_a_bad_configuration_with_one_message_listing_every_problem', async () => {
    const run = start({ TRADING_MODE: 'paper', LOG_LEVEL: 'chatty' });
    expect(await run.exited).toBe(1);
    const out = run.output();
    expect(out).toContain('Invalid configuration for TRADING_MODE=paper: 8 problems');
    expect(out).toContain('- APCA_API_KEY_ID: is required');
    expect(out).toContain('- LOG_LEVEL: expected one of');
    expect(out).not.toContain('embedded Postgres');
  }, 30_000);
});
