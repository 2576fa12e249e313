import type { ParameterPoint } from '../domain/research/parameter-sampling.ts';
import type { TrialResult, TrialWindow } from '../domain/research/trial.ts';

/** A stored trial. */
export interface StoredTrial {
  key: string;
  point: ParameterPoint;
  window: TrialWindow;
  result: TrialResult;
}

/** A fold's outcome as stored: the window, the settings chosen in sample and the keys of the trials that measured them. */
export interface StoredFold {
  index: number;
  inSample: TrialWindow;
  outOfSample: TrialWindow;
  /** Null when no trial reached the minimum of trades (the fold then stays flat out of sample). */
  chosen: ParameterPoint | null;
  inSampleTrialKey: string | null;
  outOfSampleTrialKey: string | null;
  inSampleScore: number | null;
  outOfSampleScore: number | null;
}

/**
 * Where a walk-forward study keeps its work. A run is identified by its specification (`specKey`): asking
 * again for the same specification resumes it, and trials already stored are not run again.
 */
export interface ResearchStore {
  openRun(specKey: string, spec: Record<string, unknown>): Promise<{ runId: number; resumed: boolean }>;
  storedTrials(runId: number): Promise<StoredTrial[]>;
  saveTrial(runId: number, trial: StoredTrial, wallMs: number): Promise<void>;
  saveFold(runId: number, fold: StoredFold): Promise<void>;
  finishRun(runId: number, summary: Record<string, unknown>): Promise<void>;
}
