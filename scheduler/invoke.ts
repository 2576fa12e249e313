import { randomBytes } from 'node:crypto';
import type { InvocationContext } from '../lib/platform/envelope.ts';
import type { LoadedFunction } from './function-registry.ts';

export interface InvokeResult {
  result: unknown;
  timedOut: boolean;
  durationMs: number;
  activationId: string;
  /** When the activation started and when it was answered (ms since the epoch). */
  start: number;
  end: number;
}

/** A fresh activation id, as OpenWhisk's: 32 hex characters. */
export function newActivationId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Calls a function as the platform would: a fresh activation id, a deadline from `limits.timeout`, and
 * `getRemainingTimeInMillis()`. In one process a function cannot be killed, so a timeout answers the caller
 * as the platform does while the activation finishes in the background.
 */
export async function invokeLocal(fn: LoadedFunction, args: unknown, namespace: string, onEnd?: () => void, activationId = newActivationId()): Promise<InvokeResult> {
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
    const end = Date.now();
    if (outcome === 'timeout') return { result: undefined, timedOut: true, durationMs: end - started, activationId, start: started, end };
    return { result: outcome, timedOut: false, durationMs: end - started, activationId, start: started, end };
  } catch (e) {
    const end = Date.now();
    // The platform turns a rejected promise into `{ error }`.
    return { result: { error: e instanceof Error ? e.message : String(e) }, timedOut: false, durationMs: end - started, activationId, start: started, end };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Settles with the activation's end, or with 'demoted' once `windowMs` has passed first: OpenWhisk waits
 * for a blocking invocation the lesser of its blocking window and the function's time limit, so only a
 * function whose limit is longer than the window is ever demoted.
 */
export function withinWindow(fn: LoadedFunction, running: Promise<InvokeResult>, windowMs: number): Promise<InvokeResult | 'demoted'> {
  if (fn.spec.limits.timeout <= windowMs) return running;
  let timer: NodeJS.Timeout | undefined;
  const window = new Promise<'demoted'>((resolve) => {
    timer = setTimeout(() => resolve('demoted'), windowMs);
  });
  return Promise.race([running, window]).finally(() => clearTimeout(timer));
}
