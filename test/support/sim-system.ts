import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Invoker, InvokeOutcome } from '../../lib/ports/invoker.port.ts';
import type { FunctionResponse, InvocationContext } from '../../lib/platform/envelope.ts';
import { FN } from '../../lib/app/coordinator/contracts.ts';
import { STEPPED_LIMIT_MS, steppedTickContext } from '../../lib/compose/backtest/stepped-limits.ts';
import { createRuntime, type Runtime, type RuntimeOverrides } from '../../lib/compose/runtime.ts';
import { loadConfig } from '../../lib/config/load-config.ts';
import { deferredInvoker } from '../../lib/adapters/invoke/deferred-invoker.ts';
import { InProcessInvoker } from '../../lib/adapters/invoke/in-process-invoker.ts';

/**
 * The whole system in one process, for tests and benchmarks that drive it tick by tick: the real
 * handlers, a simulated clock the caller steps, and an invoker that records every worker invocation.
 * No vitest here, so `npm run bench` can use it too.
 */

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The worker functions the coordinator invokes, as in project.yml. */
export const WORKER_IDS: readonly string[] = Object.values(FN);

export type Main = (args: unknown, context?: InvocationContext) => Promise<FunctionResponse>;

export { steppingClock, type SteppingClock } from '../../lib/adapters/clock/stepping-clock.ts';

/** Imports each function's source handler (`packages/<pkg>/<fn>/handler.ts`) and builds it over `runtime`. */
export async function importMains(ids: readonly string[], runtime: Runtime): Promise<Map<string, Main>> {
  const out = new Map<string, Main>();
  for (const id of ids) {
    const mod = (await import(pathToFileURL(path.join(ROOT, 'packages', id, 'handler.ts')).href)) as { create?: (rt: Runtime) => Main };
    if (typeof mod.create !== 'function') throw new Error(`packages/${id}/handler.ts exports no create(runtime)`);
    const main = mod.create(runtime);
    // Called without a context, the tick gets the stepped clock's deadline (a fresh one each call) instead of a minute.
    out.set(id, id !== 'coordinator/tick' ? main : (args, context) => main(args, context ?? { getRemainingTimeInMillis: steppedTickContext().getRemainingTimeInMillis }));
  }
  return out;
}

/**
 * A runtime over `raw` (an environment record, parsed as the functions would parse theirs) and the host's
 * overrides: the test's stepped clock, its invoker (worker calls limited as on a stepped clock unless given).
 */
export function runtimeFor(raw: Record<string, string | undefined>, overrides: RuntimeOverrides = {}): Runtime {
  return createRuntime(loadConfig(raw), { workerCallTimeoutMs: STEPPED_LIMIT_MS, ...overrides });
}

/**
 * An invoker over functions loaded later (the coordinator's runtime is built before the functions that use
 * it): `bind` hands it the loaded functions.
 */
export function lateInvoker(): Invoker & { bind(mains: ReadonlyMap<string, Main>, wrap?: (inner: Invoker) => Invoker): void } {
  const deferred = deferredInvoker('the invoker was used before the functions were loaded');
  return {
    bind: (mains, wrap = (i) => i) => deferred.bind(wrap(new InProcessInvoker(mains))),
    invoke: (fn, params, options) => deferred.invoke(fn, params, options),
  };
}

/** One worker invocation as the coordinator saw it. */
export interface InvocationRecord {
  fn: string;
  params: Record<string, unknown>;
  ok: boolean;
  durationMs: number;
}

/** Wraps an invoker and records each invocation (function, parameters, outcome, duration). */
export class RecordingInvoker implements Invoker {
  readonly calls: InvocationRecord[] = [];
  constructor(private readonly inner: Invoker) {}

  async invoke<T>(fn: string, params: Record<string, unknown>, options: { timeoutMs: number }): Promise<InvokeOutcome<T>> {
    const started = performance.now();
    const outcome = await this.inner.invoke<T>(fn, params, options);
    this.calls.push({ fn, params, ok: outcome.ok, durationMs: performance.now() - started });
    return outcome;
  }
}

/** The JSON body of a function's response; throws with the body when the status is not 2xx. */
export function bodyOf<T>(res: FunctionResponse): T {
  if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`HTTP ${res.statusCode}: ${res.body}`);
  return JSON.parse(res.body) as T;
}

/** Undoes what an in-process system test set up: closes its runtime's clients, then drops its test schema. */
export async function tearDownInProcessSystem(runtime: Runtime | undefined, db?: { drop(): Promise<void> }): Promise<void> {
  await runtime?.close();
  await db?.drop();
}
