import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TrialInvoker, TrialRequest, TrialRunner } from '../../ports/trial-invoker.port.ts';
import type { TrialResult } from '../../domain/research/trial.ts';

/**
 * A module a worker thread loads to run trials: it exports `createTrialRunner(options)`, called once per
 * worker (build the runtime, load the history there), returning `run(request)` and optionally `close()`.
 */
export interface TrialModule {
  createTrialRunner(options: unknown): Promise<TrialRunner> | TrialRunner;
}
export type { TrialRunner };

type Reply = { id: number; ok: true; result: TrialResult } | { id: number; ok: false; message: string };

// Node 20's worker threads do not inherit the TypeScript loader of the main thread: each worker registers tsx itself.
const tsxApi = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
const entry = pathToFileURL(path.join(import.meta.dirname, 'trial-worker.ts')).href;
const BOOT = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;

/**
 * Runs trials on `workers` worker threads, one trial per worker at a time; each worker loads `modulePath`
 * and builds its own runner from `options` (structured-cloneable). Trials go to whichever worker is free,
 * so results must depend only on the request (they do for a backtest with its own world per trial).
 */
export function workerPoolInvoker(config: { workers: number; modulePath: string; options: unknown }): TrialInvoker {
  if (!Number.isInteger(config.workers) || config.workers < 1) throw new Error(`workers must be a whole number >= 1 (got ${config.workers})`);
  const pending = new Map<number, { resolve: (r: TrialResult) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const idle: Worker[] = [];
  const queue: { id: number; request: TrialRequest }[] = [];
  const busy = new Map<Worker, number>();
  let alive = config.workers;
  let failure: Error | undefined;
  const exited = new Set<Worker>();
  const dispatch = () => {
    while (idle.length && queue.length) {
      const w = idle.pop()!;
      const job = queue.shift()!;
      busy.set(w, job.id);
      w.postMessage(job);
    }
  };
  const workers = Array.from({ length: config.workers }, () => {
    const w = new Worker(BOOT, { eval: true, workerData: { modulePath: pathToFileURL(path.resolve(config.modulePath)).href, options: config.options } });
    w.on('message', (m: Reply | 'ready') => {
      if (m === 'ready') {
        idle.push(w);
        return dispatch();
      }
      busy.delete(w);
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.ok) p?.resolve(m.result);
      else p?.reject(new Error(m.message));
      idle.push(w);
      dispatch();
    });
    w.on('error', (e) => {
      // A worker that died takes its trial with it; the others carry on with the queue.
      failure = e;
      const id = busy.get(w);
      busy.delete(w);
      if (id !== undefined) pending.get(id)?.reject(e);
      if (id !== undefined) pending.delete(id);
    });
    w.on('exit', () => {
      exited.add(w);
      const i = idle.indexOf(w);
      if (i >= 0) idle.splice(i, 1);
      if (--alive > 0) return;
      // No worker left: nothing queued would ever run.
      for (const job of queue.splice(0)) {
        pending.get(job.id)?.reject(new Error(`no trial worker left${failure ? `: ${failure.message}` : ''}`));
        pending.delete(job.id);
      }
    });
    return w;
  });
  return {
    concurrency: config.workers,
    run(request) {
      return new Promise<TrialResult>((resolve, reject) => {
        if (alive === 0) return reject(new Error(`no trial worker left${failure ? `: ${failure.message}` : ''}`));
        const id = nextId++;
        pending.set(id, { resolve, reject });
        queue.push({ id, request });
        dispatch();
      });
    },
    async close() {
      await Promise.all(workers.filter((w) => !exited.has(w)).map(async (w) => {
        w.postMessage('close');
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => void w.terminate().then(() => resolve()), 30_000);
          w.once('exit', () => (clearTimeout(t), resolve()));
        });
      }));
    },
  };
}
