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

  it('lets_ports_import_only_the_pure_core', async () => {
    const messages = await lint('lib/ports/example.port.ts', [
      "import type { Stage } from '../app/coordinator/schedule.ts';",
      "import type { Pool } from '../adapters/postgres/pool.ts';",
      "import type { Bar } from '../domain/market.ts';",
      'export type X = [Stage, Pool, Bar];',
    ].join('\n'));
    expect(messages).toEqual([expect.stringContaining('Ports import only'), expect.stringContaining('Ports import only')]);
  });

  it('forbids_adapters_to_import_use_cases_or_composition', async () => {
    const messages = await lint('lib/adapters/postgres/example.ts', [
      "import { runTick } from '../../app/coordinator/run-tick.ts';",
      "import { getPool } from '../../compose/runtime.ts';",
      'export const x = [runTick, getPool];',
    ].join('\n'));
    expect(messages).toEqual([expect.stringContaining('Adapters may not import use cases'), expect.stringContaining('Adapters may not import composition')]);
  });

  it('forbids_config_to_import_adapters', async () => {
    expect(await lint('lib/config/example.ts', "import { createPool } from '../adapters/postgres/pool.ts';\nexport const x = createPool;\n")).toEqual([expect.stringContaining('Config may not import adapters')]);
  });

  it('keeps_test_support_out_of_production_code', async () => {
    const code = "import { sharedData } from '../../test/support/shared-data.ts';\nexport const x = sharedData;\n";
    for (const file of ['lib/adapters/example.ts', 'lib/app/example.ts', 'lib/domain/example.ts', 'scheduler/example.ts']) {
      expect(await lint(file, code)).toEqual([expect.stringContaining('Only tests import test support')]);
    }
    expect(await lint('lib/adapters/example.test.ts', code)).toEqual([]);
  });

  it('lets_only_compose_and_the_local_runtime_read_the_environment', async () => {
    const code = 'export const level = process.env.LOG_LEVEL;\n';
    for (const file of ['lib/platform/example.ts', 'lib/adapters/postgres/example.ts', 'lib/config/example.ts', 'packages/reporting/example/handler.ts']) {
      expect(await lint(file, code)).toEqual([expect.stringContaining('Only lib/compose and the local runtime')]);
    }
    for (const file of ['lib/compose/example.ts', 'scheduler/example.ts']) expect(await lint(file, code)).toEqual([]);
  });

  it('finds_nothing_in_the_repository', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const results = await eslint.lintFiles(['lib', 'packages', 'scheduler', 'scripts', 'bench', 'test']);
    const problems = results.flatMap((r) => r.messages.map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.message}`));
    expect(problems).toEqual([]);
  }, 240_000);
});
