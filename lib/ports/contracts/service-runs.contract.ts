import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceRunsStore } from '../service-runs.port.ts';

export interface OpenedServiceRuns {
  store: ServiceRunsStore;
  close(): Promise<void>;
}

const T = Date.parse('2026-11-23T14:31:00Z');

/** The ServiceRunsStore contract: every implementation must pass it. */
export function serviceRunsContract(name: string, open: () => Promise<OpenedServiceRuns>): void {
  describe(`ServiceRunsStore contract: ${name}`, () => {
    let opened: OpenedServiceRuns;
    beforeAll(async () => {
      opened = await open();
    });
    afterAll(() => opened.close());

    it('counts_runs_and_failures_and_keeps_the_last_error_until_the_next_failure', async () => {
      const { store } = opened;
      expect(await store.list()).toEqual([]);
      await store.record('news/collect', { ok: true, durationMs: 120 }, T);
      await store.record('news/collect', { ok: false, durationMs: 900, errorCode: 'DEPENDENCY_TIMEOUT' }, T + 60_000);
      await store.record('news/collect', { ok: true, durationMs: 100 }, T + 120_000);
      await store.record('coordinator/tick', { ok: false, durationMs: 5 }, T + 1_000);
      await store.record('trading/execute', { ok: true, durationMs: 40 }, T + 2_000);
      expect(await store.list()).toEqual([
        { functionName: 'coordinator/tick', service: 'coordinator', lastSuccessAt: null, lastFailureAt: T + 1_000, lastErrorCode: null, runs: 1, failures: 1 },
        { functionName: 'news/collect', service: 'news', lastSuccessAt: T + 120_000, lastFailureAt: T + 60_000, lastErrorCode: 'DEPENDENCY_TIMEOUT', runs: 3, failures: 1 },
        { functionName: 'trading/execute', service: 'trading', lastSuccessAt: T + 2_000, lastFailureAt: null, lastErrorCode: null, runs: 1, failures: 0 },
      ]);
      const [listed] = await store.list();
      listed!.runs = 99;
      expect((await store.list())[0]!.runs).toBe(1);
    });
  });
}
