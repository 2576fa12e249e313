import { describe, expect, it } from 'vitest';
import { worker } from './worker.ts';
import type { Runtime } from './runtime.ts';
import { CollectContract } from '../app/coordinator/contracts.ts';
import { invokeWorker } from '../app/coordinator/invoke-worker.ts';
import { InProcessInvoker } from '../adapters/invoke/in-process-invoker.ts';
import { MemoryServiceRuns } from '../adapters/memory/memory-service-runs.ts';
import { createLogger } from '../platform/logger.ts';

function runtime(): Runtime {
  const runs = new MemoryServiceRuns();
  return { logger: createLogger({ level: 'error' }), overrides: { stores: { runs: () => runs } } } as unknown as Runtime;
}

describe('worker', () => {
  it('answers_an_in_process_caller_with_nothing_the_use_case_still_holds', async () => {
    const kept = { inserted: 1, duplicates: 0, newStories: 1, skipped: 0, sources: [{ source: 'replay', fetched: 2, skipped: 0, durationMs: 0 }] };
    const collect = worker(CollectContract, () => ({}), async () => kept);
    const invoker = new InProcessInvoker(new Map([[CollectContract.fn, collect.create(runtime())]]));
    const out = await invokeWorker(invoker, CollectContract, {}, { timeoutMs: 1_000 });
    const raw = await invoker.invoke<typeof kept>(CollectContract.fn, {}, { timeoutMs: 1_000 });
    kept.sources[0]!.fetched = 99;
    kept.inserted = 99;
    const expected = { inserted: 1, duplicates: 0, newStories: 1, skipped: 0, sources: [{ source: 'replay', fetched: 2, skipped: 0, durationMs: 0 }] };
    expect(out).toMatchObject({ ok: true, value: expected });
    expect(raw).toMatchObject({ ok: true, value: expected });
  });

  it('refuses_an_answer_that_breaks_the_contract_as_a_crash', async () => {
    const collect = worker(CollectContract, () => ({}), async () => ({ inserted: -1 }) as never);
    const invoker = new InProcessInvoker(new Map([[CollectContract.fn, collect.create(runtime())]]));
    const out = await invokeWorker(invoker, CollectContract, {}, { timeoutMs: 1_000 });
    expect(out).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
