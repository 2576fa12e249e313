import type { Invoker, InvokeOptions, InvokeOutcome } from '../../ports/invoker.port.ts';

/** An invoker for a coordinator that has no way to reach the workers: every call fails with `why` (a config error). */
export class UnconfiguredInvoker implements Invoker {
  constructor(private readonly why: string) {}

  async invoke<T>(fn: string): Promise<InvokeOutcome<T>> {
    return { ok: false, error: { code: 'CONFIG_INVALID', message: `cannot invoke ${fn}: ${this.why}`, retryable: false }, durationMs: 0 };
  }
}

/** Adds what the operator must do to a refused invoke (401/403: the key is wrong, expired or deleted). */
export class ExplainedInvoker implements Invoker {
  constructor(
    private readonly inner: Invoker,
    private readonly onRefused: string,
  ) {}

  async invoke<T>(fn: string, params: Record<string, unknown>, options: InvokeOptions): Promise<InvokeOutcome<T>> {
    const out = await this.inner.invoke<T>(fn, params, options);
    if (out.ok || out.error.code !== 'UNAUTHORIZED') return out;
    return { ...out, error: { ...out.error, code: 'CONFIG_INVALID', message: `${out.error.message}: ${this.onRefused}` } };
  }
}
