import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

async function lint(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.map((m) => m.message);
}

describe('layer rules', () => {
  it('forbids_the_pure_core_from_importing_adapters_use_cases_or_io', async () => {
    const messages = await lint(
      'lib/strategy/example.ts',
      [
        "import { createPool } from '../adapters/postgres/pool.ts';",
        "import { checkHealth } from '../app/health/check-health.ts';",
        "import { Redis } from '@upstash/redis';",
        "import { readFile } from 'node:fs/promises';",
        'export const x = [createPool, checkHealth, Redis, readFile];',
      ].join('\n'),
    );
    expect(messages).toEqual([
      'The pure core may not import adapters (arrows only point down).',
      'The pure core may not import use cases.',
      'The pure core does no I/O.',
      'The pure core does no I/O.',
    ].map((m) => expect.stringContaining(m)));
  });

  it('forbids_clock_reads_and_randomness_in_the_core_and_use_cases', async () => {
    const code = 'export const a = Date.now();\nexport const b = new Date();\nexport const c = Math.random();\nexport const d = new Date(0);\n';
    for (const file of ['lib/risk/example.ts', 'lib/app/example.ts']) {
      expect(await lint(file, code)).toEqual(['Use the Clock port, not Date.now().', 'Use the Clock port, not new Date().', 'Use a seeded random source, not Math.random().']);
    }
  });

  it('lets_the_core_import_its_own_layer_and_shared_types', async () => {
    expect(await lint('lib/strategy/example.ts', "import type { Bar } from '../domain/market.ts';\nexport type B = Bar;\n")).toEqual([]);
  });

  it('finds_nothing_in_the_repository', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const results = await eslint.lintFiles(['lib', 'packages', 'scheduler', 'scripts', 'bench', 'test']);
    const problems = results.flatMap((r) => r.messages.map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.message}`));
    expect(problems).toEqual([]);
  }, 60_000);
});
