import type { InvocationContext } from './envelope.ts';
import type { Main } from './handler.ts';
import { answerOf } from './in-process-answer.ts';

/** What OpenWhisk counts as a failed activation: a result with an `error` field (an "application error"). */
export interface ActivationError {
  error: { code: string; message: string; statusCode: number; requestId?: string; details?: unknown };
}

const isWeb = (args: unknown) => typeof args === 'object' && args !== null && ('http' in args || '__ow_method' in args);


/**
 * For runs that are not web requests (a scheduled trigger, an invoke): a failure is returned as
 * `{error: {...}}`, which OpenWhisk records as a failed activation (`doctl serverless activations list`
 * shows it), rather than a successful activation whose result happens to say `statusCode: 500`.
 * Returning it (not throwing) keeps the warm container: a rejected promise makes the runtime stop it.
 * `failed` says which other results are failures (the tick: every stage failed).
 */
export function failuresAsActivationErrors(main: Main, failed: (body: unknown) => string | null = () => null): (args: unknown, context?: InvocationContext) => Promise<Awaited<ReturnType<Main>> | ActivationError> {
  return async (args, context) => {
    const res = await main(args, context);
    if (isWeb(args)) return res;
    // An in-process caller's answer is read as the value it carries, not parsed again.
    const body = answerOf(res) ?? null;
    if (res.statusCode >= 500) {
      const e = (body as { error?: { code?: string; message?: string; requestId?: string } } | null)?.error;
      return { error: { code: e?.code ?? 'INTERNAL', message: e?.message ?? `failed with status ${res.statusCode}`, statusCode: res.statusCode, ...(e?.requestId ? { requestId: e.requestId } : {}) } };
    }
    const why = failed(body);
    return why === null ? res : { error: { code: 'RUN_FAILED', message: why, statusCode: res.statusCode, details: body } };
  };
}
