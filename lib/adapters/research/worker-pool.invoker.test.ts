import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerPoolInvoker } from './worker-pool.invoker.ts';
import { syntheticTrial } from './synthetic-trial.test-support.ts';
import type { TrialRequest } from '../../ports/trial-invoker.port.ts';

const MODULE = path.join(import.meta.dirname, 'synthetic-trial.test-support.ts');
const requests: TrialRequest[] = Array.from({ length: 12 }, (_, i) => {
  const point = { RISK: 0.25 * (1 + (i % 4)), POSITIONS: 1 + (i % 3) };
  const window = { from: '2026-11-02', to: i % 2 ? '2026-11-06' : '2026-11-13' };
  return { key: `k${i}`, point, window };
});

describe('worker pool trial invoker', () => {
  it('gives_every_trial_the_result_it_has_in_process_whatever_the_number_of_workers', async () => {
    const expected = requests.map(syntheticTrial);
    for (const workers of [1, 3]) {
      const pool = workerPoolInvoker({ workers, modulePath: MODULE, options: {} });
      try {
        expect(pool.concurrency).toBe(workers);
        expect(await Promise.all(requests.map((r) => pool.run(r)))).toEqual(expected);
      } finally {
        await pool.close();
      }
    }
  }, 60_000);

  it('rejects_the_trial_that_failed_and_keeps_running_the_others', async () => {
    const pool = workerPoolInvoker({ workers: 2, modulePath: MODULE, options: { failOn: 'k3' } });
    try {
      const outcomes = await Promise.allSettled(requests.slice(0, 6).map((r) => pool.run(r)));
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect((outcomes[3] as PromiseRejectedResult).reason.message).toBe('synthetic failure of k3');
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('names_a_bad_worker_count', () => {
    expect(() => workerPoolInvoker({ workers: 0, modulePath: MODULE, options: {} })).toThrow(/workers must be a whole number >= 1 \(got 0\)/);
  });
});

describe('worker pool whose workers cannot start', () => {
  it('rejects_every_trial_saying_why_instead_of_waiting_forever', async () => {
    const pool = workerPoolInvoker({ workers: 2, modulePath: path.join(import.meta.dirname, 'no-such-trial-module.ts'), options: {} });
    try {
      const outcomes = await Promise.allSettled(requests.slice(0, 3).map((r) => pool.run(r)));
      expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
      expect(String((outcomes[0] as PromiseRejectedResult).reason.message)).toMatch(/no trial worker left: .*no-such-trial-module/);
      await expect(pool.run(requests[0]!)).rejects.toThrow(/no trial worker left/);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
