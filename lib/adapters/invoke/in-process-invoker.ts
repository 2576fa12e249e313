import type { Invoker, InvokeOutcome } from '../../ports/invoker.port.ts';
import { unwrap } from './openwhisk-invoker.ts';

type Main = (args: unknown, context?: { getRemainingTimeInMillis?: () => number; activationId?: string }) => Promise<unknown>;

/**
 * Calls the functions' `main` in this process (local runtime, backtests, tests): the same handler path
 * (validation, logging, errors) as deployed, without the network. Each call is bounded by `timeoutMs`.
 */
export class InProcessInvoker implements Invoker {
  constructor(private readonly mains: ReadonlyMap<string, Main>) {}

  async invoke<T>(fn: string, params: Record<string, unknown>, { timeoutMs }: { timeoutMs: number }): Promise<InvokeOutcome<T>> {
    const started = performance.now();
    const main = this.mains.get(fn);
    if (!main) return { ok: false, error: { code: 'NOT_FOUND', message: `no function ${fn}`, retryable: false }, durationMs: 0 };
    const deadline = performance.now() + timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), Math.max(1, timeoutMs))));
    try {
      const result = await Promise.race([main(params, { getRemainingTimeInMillis: () => Math.max(0, deadline - performance.now()) }), timeout]);
      if (result === 'timeout') {
        return { ok: false, error: { code: 'DEPENDENCY_TIMEOUT', message: `${fn} did not answer within ${timeoutMs} ms`, retryable: true }, durationMs: timeoutMs };
      }
      return unwrap<T>(fn, result as { statusCode?: number; body?: unknown }, started);
    } catch (e) {
      return { ok: false, error: { code: 'INTERNAL', message: `${fn} threw: ${e instanceof Error ? e.message : String(e)}`, retryable: false }, durationMs: Math.round(performance.now() - started) };
    } finally {
      clearTimeout(timer);
    }
  }
}
