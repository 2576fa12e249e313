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
 * Runs trials somewhere: worker threads locally, function invocations when deployed. A trial's result
 * depends only on its request, never on where or in which order it ran. `run` rejects when the trial
 * failed (the study stops; the trials already stored are kept for the resume).
 */
export interface TrialInvoker {
  /** How many trials may be in flight at once. */
  readonly concurrency: number;
  run(request: TrialRequest): Promise<TrialResult>;
  close(): Promise<void>;
}
