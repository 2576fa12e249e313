/** The answer of one function invoked by another. */
export type InvokeOutcome<T> =
  | { ok: true; value: T; durationMs: number }
  | { ok: false; error: { code: string; message: string; retryable: boolean }; durationMs: number };

/** How long a call may take (ms, the caller's deadline) and how it waits for the answer. */
export interface InvokeOptions {
  timeoutMs: number;
  /**
   * Start the function without holding the request open (OpenWhisk `blocking=false`), then read its
   * activation until it ends or `timeoutMs` runs out: for work that always outlasts DigitalOcean's 30 s
   * blocking window (a research trial). An invoker without activations (in process) just waits.
   */
  nonBlocking?: boolean;
}

/**
 * How the coordinator reaches the worker functions: in process (local runtime, backtests) or through the
 * platform's invoke API when deployed. Never throws: failures are outcomes, recorded by the caller.
 */
export interface Invoker {
  invoke<T>(fn: string, params: Record<string, unknown>, options: InvokeOptions): Promise<InvokeOutcome<T>>;
}
