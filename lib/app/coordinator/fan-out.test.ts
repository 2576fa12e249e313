import { describe, expect, it } from 'vitest';
import { batches, fanOut } from './fan-out.ts';
import type { Invoker } from '../../ports/invoker.port.ts';

function fakeInvoker(delays: Record<number, number | 'fail'>): Invoker & { maxInFlight: number } {
  let inFlight = 0;
  const self = {
    maxInFlight: 0,
    async invoke<T>(_fn: string, params: Record<string, unknown>, { timeoutMs }: { timeoutMs: number }) {
      inFlight++;
      self.maxInFlight = Math.max(self.maxInFlight, inFlight);
      const i = params.batch as number;
      const d = delays[i] ?? 5;
      try {
        if (d === 'fail') return { ok: false as const, error: { code: 'DEPENDENCY_UNAVAILABLE', message: 'down', retryable: true }, durationMs: 1 };
        if (d > timeoutMs) {
          await new Promise((r) => setTimeout(r, timeoutMs));
          return { ok: false as const, error: { code: 'DEPENDENCY_TIMEOUT', message: 'slow', retryable: true }, durationMs: timeoutMs };
        }
        await new Promise((r) => setTimeout(r, d));
        return { ok: true as const, value: { batch: i } as T, durationMs: d };
      } finally {
        inFlight--;
      }
    },
  };
  return self;
}

describe('fanOut', () => {
  it('splits_work_into_batches', () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('bounds_concurrency_and_records_partial_failures', async () => {
    const inv = fakeInvoker({ 2: 'fail' });
    const params = Array.from({ length: 8 }, (_, batch) => ({ batch }));
    const res = await fanOut((p, o) => inv.invoke<{ batch: number }>('technical/signals', p, o), params, { concurrency: 3, budgetMs: 5000, perCallTimeoutMs: 1000 });
    expect(inv.maxInFlight).toBe(3);
    expect(res.failed).toBe(1);
    expect(res.outcomes.map((o) => o.outcome.ok)).toEqual([true, true, false, true, true, true, true, true]);
  });

  it('never_lets_one_slow_worker_stall_the_cycle', async () => {
    const inv = fakeInvoker({ 0: 10_000 });
    const started = performance.now();
    const res = await fanOut((p, o) => inv.invoke<{ batch: number }>('patterns/detect', p, o), [{ batch: 0 }, { batch: 1 }], { concurrency: 2, budgetMs: 300, perCallTimeoutMs: 200 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(res.outcomes[0]!.outcome).toMatchObject({ ok: false, error: { code: 'DEPENDENCY_TIMEOUT' } });
    expect(res.outcomes[1]!.outcome.ok).toBe(true);
  });
});
