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
 * Runs trials somewhere: worker threads locally (lib/adapters/research/worker-pool.invoker.ts), function
 * invocations when deployed. The remote one's contract: one trial is one invocation of a `research/trial`
 * function (web: false) through the Invoker port, params `{ request: TrialRequest, study: { history
 * (stored or synthetic), symbols, settings } }` (well under the 1 MB limit), answering the TrialResult as JSON (session
 * returns and trades: kilobytes); `concurrency` at most 120 (the namespace's concurrent invocations) less
 * what the coordinator needs, and a token bucket keeping starts under 600 a minute; a trial whose window
 * would not finish inside the function's 15-minute limit is refused before it is sent (split the window);
 * a failed or timed-out invocation is retried once, then rejects (results depend only on the request, so a
 * retry is safe). A trial's result
 * depends only on its request, never on where or in which order it ran. `run` rejects when the trial
 * failed (the study stops; the trials already stored are kept for the resume).
 */
export interface TrialInvoker {
  /** How many trials may be in flight at once. */
  readonly concurrency: number;
  run(request: TrialRequest): Promise<TrialResult>;
  close(): Promise<void>;
}
