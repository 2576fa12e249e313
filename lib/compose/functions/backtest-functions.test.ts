import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BACKTEST_FUNCTIONS } from './backtest-functions.ts';
import { WORKER_CONTRACTS } from '../../app/coordinator/contracts.ts';
import { loadProjectSpec } from '../../../scheduler/project-spec.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('the backtest functions registry', () => {
  it('holds_the_tick_and_every_worker_the_coordinator_invokes', () => {
    const wanted = ['coordinator/tick', ...WORKER_CONTRACTS.map((c) => c.fn)].sort();
    expect(Object.keys(BACKTEST_FUNCTIONS).sort()).toEqual(wanted);
  });

  it('builds_the_same_definitions_the_deployed_handlers_export', async () => {
    const declared = new Set(loadProjectSpec(path.join(ROOT, 'project.yml'), {}).functions.map((f) => f.id));
    for (const [id, create] of Object.entries(BACKTEST_FUNCTIONS)) {
      expect(declared.has(id), `${id} in project.yml`).toBe(true);
      const handler = (await import(pathToFileURL(path.join(ROOT, 'packages', id, 'handler.ts')).href)) as { create: unknown };
      // Re-exported, not copied: one definition serves the deployed function and the backtests.
      expect(handler.create, id).toBe(create);
    }
  });
});
