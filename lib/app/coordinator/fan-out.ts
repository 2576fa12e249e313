import type { InvokeOutcome } from '../../ports/invoker.port.ts';

export interface FanOutOptions {
  concurrency: number;
  /** Milliseconds left for the whole fan-out (the tick's remaining time minus a reserve). */
  budgetMs: number;
  /** Upper bound for one call. */
  perCallTimeoutMs: number;
}

export interface FanOutResult<T> {
  outcomes: { batch: number; outcome: InvokeOutcome<T> }[];
  failed: number;
}

/** Splits items into batches of at most `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Calls a worker (through `call`, e.g. invokeWorker) once per batch with bounded concurrency. Every call is bounded by what is left of the
 * budget, so one slow worker never stalls the cycle; failures are outcomes, recorded by the caller.
 */
export async function fanOut<P, T>(
  call: (params: P, options: { timeoutMs: number }) => Promise<InvokeOutcome<T>>,
  params: readonly P[],
  options: FanOutOptions,
): Promise<FanOutResult<T>> {
  const started = performance.now();
  const outcomes: { batch: number; outcome: InvokeOutcome<T> }[] = new Array(params.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= params.length) return;
      const left = options.budgetMs - (performance.now() - started);
      if (left <= 50) {
        outcomes[i] = { batch: i, outcome: { ok: false, error: { code: 'DEPENDENCY_TIMEOUT', message: 'no time left in this tick', retryable: true }, durationMs: 0 } };
        continue;
      }
      outcomes[i] = { batch: i, outcome: await call(params[i]!, { timeoutMs: Math.min(options.perCallTimeoutMs, left) }) };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, params.length)) }, worker));
  return { outcomes, failed: outcomes.filter((o) => !o.outcome.ok).length };
}
