import { pointKey, type ParameterPoint } from '../../domain/research/parameter-sampling.ts';
import type { TrialResult, TrialWindow } from '../../domain/research/trial.ts';
import type { TrialInvoker, TrialRequest } from '../../ports/trial-invoker.port.ts';
import type { ResearchStore, StoredTrial } from '../../ports/research-store.port.ts';

/** The key of a trial: its window and settings (the same trial in two folds, or a resumed run, is one trial). */
export function trialKey(point: ParameterPoint, window: TrialWindow): string {
  return `${window.from}..${window.to} ${pointKey(point)}`;
}

export interface TrialProgress {
  key: string;
  /** True when the result came from the store (a resumed run) or from a trial already run in this study. */
  reused: boolean;
  wallMs: number;
}

/** Runs a study's trials: stored ones are read back, new ones go to the invoker (at most its concurrency at once) and are stored as each ends. */
export interface TrialScheduler {
  trial(point: ParameterPoint, window: TrialWindow): Promise<TrialResult>;
  counts(): { run: number; reused: number };
  /** Refuses new trials and waits for those in flight to end (and be stored): a failed study leaves every finished trial for its resume. */
  stop(): Promise<void>;
}

/** A scheduler over `stored` trials of run `runId`; `now` measures wall time (a performance clock, not the trading clock). */
export function trialScheduler(deps: { invoker: TrialInvoker; store: ResearchStore; runId: number; stored: readonly StoredTrial[]; now: () => number; onTrial?: (p: TrialProgress) => void }): TrialScheduler {
  const known = new Map<string, Promise<TrialResult>>(deps.stored.map((t) => [t.key, Promise.resolve(t.result)]));
  const waiting: (() => void)[] = [];
  let inFlight = 0;
  let run = 0;
  let reused = 0;
  let stopped = false;
  const inFlightTrials = new Set<Promise<TrialResult>>();
  const slot = async () => {
    if (inFlight >= deps.invoker.concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    inFlight++;
  };
  const release = () => {
    inFlight--;
    waiting.shift()?.();
  };
  const execute = async (request: TrialRequest): Promise<TrialResult> => {
    await slot();
    try {
      const started = deps.now();
      const result = await deps.invoker.run(request);
      const wallMs = deps.now() - started;
      await deps.store.saveTrial(deps.runId, { key: request.key, point: request.point, window: request.window, result }, wallMs);
      run++;
      deps.onTrial?.({ key: request.key, reused: false, wallMs });
      return result;
    } finally {
      release();
    }
  };
  return {
    trial(point, window) {
      const key = trialKey(point, window);
      if (stopped) return Promise.reject(new Error('the study stopped after a failed trial'));
      const existing = known.get(key);
      if (existing) {
        reused++;
        deps.onTrial?.({ key, reused: true, wallMs: 0 });
        return existing;
      }
      const p = execute({ key, point, window });
      known.set(key, p);
      inFlightTrials.add(p);
      void p.then(
        () => inFlightTrials.delete(p),
        () => inFlightTrials.delete(p),
      );
      return p;
    },
    counts: () => ({ run, reused }),
    async stop() {
      stopped = true;
      while (inFlightTrials.size) await Promise.allSettled([...inFlightTrials]);
    },
  };
}
