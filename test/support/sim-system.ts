import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Invoker, InvokeOutcome } from '../../lib/ports/invoker.port.ts';
import type { FunctionResponse, InvocationContext } from '../../lib/platform/envelope.ts';
import { FN } from '../../lib/app/coordinator/contracts.ts';

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

/** Imports each function's source handler (`packages/<pkg>/<fn>/handler.ts`) and returns its `main`. */
export async function importMains(ids: readonly string[]): Promise<Map<string, Main>> {
  const out = new Map<string, Main>();
  for (const id of ids) {
    const mod = (await import(pathToFileURL(path.join(ROOT, 'packages', id, 'handler.ts')).href)) as { main?: Main };
    if (typeof mod.main !== 'function') throw new Error(`packages/${id}/handler.ts exports no main()`);
    out.set(id, mod.main);
  }
  return out;
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

/**
 * Undoes what an in-process system test set up: the host's invoker and clock, the runtime's clients, the
 * environment it changed; then drops its test schema.
 */
export async function tearDownInProcessSystem(savedEnv: NodeJS.ProcessEnv, db?: { drop(): Promise<void> }): Promise<void> {
  const [{ setInvoker }, { setSimClock }, { resetRuntime }] = await Promise.all([
    import('../../lib/compose/invoker.ts'),
    import('../../lib/compose/clock.ts'),
    import('../../lib/compose/runtime.ts'),
  ]);
  setInvoker(undefined);
  setSimClock(undefined);
  await resetRuntime();
  process.env = savedEnv;
  await db?.drop();
}
