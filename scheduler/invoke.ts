import { randomBytes } from 'node:crypto';
import type { InvocationContext } from '../lib/platform/envelope.ts';
import type { LoadedFunction } from './function-registry.ts';

export interface InvokeResult {
  result: unknown;
  timedOut: boolean;
  durationMs: number;
  activationId: string;
}

/**
 * Calls a function as the platform would: a fresh activation id, a deadline from `limits.timeout`, and
 * `getRemainingTimeInMillis()`. In one process a function cannot be killed, so a timeout answers the caller
 * as the platform does while the activation finishes in the background.
 */
export async function invokeLocal(fn: LoadedFunction, args: unknown, namespace: string, onEnd?: () => void): Promise<InvokeResult> {
  const activationId = randomBytes(16).toString('hex');
  const started = Date.now();
  const deadline = started + fn.spec.limits.timeout;
  const context: InvocationContext & Record<string, unknown> = {
    functionName: `/${namespace}/${fn.spec.package}/${fn.spec.name}`,
    functionVersion: '0.0.1',
    activationId,
    requestId: activationId,
    deadline,
    namespace,
    apiHost: 'http://127.0.0.1',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), fn.spec.limits.timeout);
  });
  const running = (async () => fn.main(args, context))();
  if (onEnd) void running.then(onEnd, onEnd);
  try {
    const outcome = await Promise.race([running, timeout]);
    if (outcome === 'timeout') return { result: undefined, timedOut: true, durationMs: Date.now() - started, activationId };
    return { result: outcome, timedOut: false, durationMs: Date.now() - started, activationId };
  } catch (e) {
    // The platform turns a rejected promise into `{ error }`.
    return { result: { error: e instanceof Error ? e.message : String(e) }, timedOut: false, durationMs: Date.now() - started, activationId };
  } finally {
    clearTimeout(timer);
  }
}
