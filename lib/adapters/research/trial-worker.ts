import { parentPort, workerData } from 'node:worker_threads';
import type { TrialModule, TrialRunner } from './worker-pool.invoker.ts';
import type { TrialRequest } from '../../ports/trial-invoker.port.ts';

// A worker thread of workerPoolInvoker: builds its runner once, then runs one trial per message.
const port = parentPort!;
const { modulePath, options } = workerData as { modulePath: string; options: unknown };
const mod = (await import(modulePath)) as TrialModule;
let runner: TrialRunner;
try {
  runner = await mod.createTrialRunner(options);
} catch (e) {
  // Surfaces as the worker's 'error' event, failing the trials queued on it.
  throw new Error(`trial worker could not start: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}
port.on('message', (m: { id: number; request: TrialRequest } | 'close') => {
  if (m === 'close') {
    void (runner.close?.() ?? Promise.resolve()).finally(() => port.close());
    return;
  }
  runner.run(m.request).then(
    (result) => port.postMessage({ id: m.id, ok: true, result }),
    (e: unknown) => port.postMessage({ id: m.id, ok: false, message: e instanceof Error ? e.message : String(e) }),
  );
});
port.postMessage('ready');
