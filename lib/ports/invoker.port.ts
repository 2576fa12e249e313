/** The answer of one function invoked by another. */
export type InvokeOutcome<T> =
  | { ok: true; value: T; durationMs: number }
  | { ok: false; error: { code: string; message: string; retryable: boolean }; durationMs: number };

/**
 * How the coordinator reaches the worker functions: in process (local runtime, backtests) or through the
 * platform's invoke API when deployed. Never throws: failures are outcomes, recorded by the caller.
 */
export interface Invoker {
  invoke<T>(fn: string, params: Record<string, unknown>, options: { timeoutMs: number }): Promise<InvokeOutcome<T>>;
}
