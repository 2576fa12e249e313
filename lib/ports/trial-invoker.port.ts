import type { ParameterPoint } from '../domain/research/parameter-sampling.ts';
import type { TrialResult, TrialWindow } from '../domain/research/trial.ts';

/** One trial: a backtest of `window` with the settings of `point`. Plain data (it crosses threads and function invocations). */
export interface TrialRequest {
  /** Stable key of (point, window): the same trial has the same key in every run and fold. */
  key: string;
  point: ParameterPoint;
  window: TrialWindow;
}

/**
 * What decides a study's trials besides their requests, sent with each remote trial (kilobytes: never the
 * history). `stored`: the history in the function's own DATABASE_URL; `synthetic`: the synthetic market built
 * from its seed. The sessions [from, to] bound every trial window of the study.
 */
export interface TrialStudy {
  history: { kind: 'stored' } | { kind: 'synthetic'; seed: number; symbols: number; newsRate: number };
  from: string;
  to: string;
  symbols?: string[];
}

/** A remote trial stops this long before its function's time limit, so that it answers an error rather than being killed. */
export const TRIAL_DEADLINE_MARGIN_MS = 10_000;

/** Runs one study's trials where it was built (a worker thread, or a warm `research/trial` function container). */
export interface TrialRunner {
  /** `shouldStop`: checked between ticks; a trial stopped by it rejects (a function nearing its time limit). */
  run(request: TrialRequest, shouldStop?: () => boolean): Promise<TrialResult>;
  close?(): Promise<void>;
}

/** Builds a study's runner (loads or builds its history once): what the `research/trial` function runs trials with. */
export type TrialEngine = (study: TrialStudy) => Promise<TrialRunner>;

/**
 * Runs trials somewhere: worker threads locally (lib/adapters/research/worker-pool.invoker.ts), or one
 * invocation of the `research/trial` function (web: false) per trial through the Invoker port
 * (lib/adapters/research/function-trial.invoker.ts): params `{ request, study }`, answer the TrialResult
 * as JSON (kilobytes), at most 120 in flight and 600 started a minute, a trial too long for the function's
 * time limit refused before it is sent, a failed or timed-out invocation retried once (results depend only
 * on the request, so a retry is safe). A trial's result depends only on its request, never on where or in
 * which order it ran. `run` rejects when the trial failed (the study stops; the trials already stored are
 * kept for the resume).
 */
export interface TrialInvoker {
  /** How many trials may be in flight at once. */
  readonly concurrency: number;
  run(request: TrialRequest): Promise<TrialResult>;
  close(): Promise<void>;
}
