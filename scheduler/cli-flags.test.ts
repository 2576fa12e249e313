// Every data and research command refuses a flag it does not know with its usage and exit code 2, never a
// Node stack trace (optimize, history:download, import:history and import:trades threw ERR_PARSE_ARGS_UNKNOWN_OPTION).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

function run(script: string, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

const COMMANDS = [
  ['scripts/backtest.ts', 'npm run backtest'],
  ['scripts/optimize.ts', 'npm run optimize'],
  ['scripts/history-download.ts', 'npm run history:download'],
  ['scripts/import-history.ts', 'npm run import:history'],
  ['scripts/import-trades.ts', 'npm run import:trades'],
] as const;

describe('an unknown flag', () => {
  it.each(COMMANDS)('%s names_the_flag_prints_its_usage_and_exits_2', async (script, usage) => {
    const { code, out } = await run(script, ['--bogus']);
    expect(code).toBe(2);
    expect(out).toContain("Unknown option '--bogus'");
    expect(out).toContain(`usage: ${usage}`);
    expect(out).not.toMatch(/\n\s+at |ERR_PARSE_ARGS/);
  }, 60_000);
});
