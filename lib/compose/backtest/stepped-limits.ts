/**
 * Real-time limits for a host whose clock is stepped (a backtest, a stepped test): the clock stands still while a
 * tick runs, so these only guard against a hang, ten minutes a tick and a worker call, so that a loaded machine
 * cannot turn a slow call into a timeout that changes the decisions. Deployed and under `npm start` a worker
 * call has 25 s and the tick the platform's deadline.
 */
// The module's binding: the global `performance` is a getter, run on every read.
import { performance } from 'node:perf_hooks';

export const STEPPED_LIMIT_MS = 600_000;

/**
 * The context of one in-process call of the tick on a stepped clock, with a fresh real-time deadline and, when
 * given, its activation id (the platform always gives one; without it the handler draws a random request id).
 */
export function steppedTickContext(activationId?: string): { inProcess: true; activationId?: string; getRemainingTimeInMillis: () => number } {
  const getRemainingTimeInMillis = remainingUntil(performance.now() + STEPPED_LIMIT_MS);
  return activationId === undefined ? { inProcess: true, getRemainingTimeInMillis } : { inProcess: true, activationId, getRemainingTimeInMillis };
}

// Returned from a function, the closure is not a named one (the bundler names those on every creation): one a tick.
function remainingUntil(deadline: number): () => number {
  return () => deadline - performance.now();
}
