import type { EpochMs } from '../domain/time.ts';

/** The last known run of one function. */
export interface ServiceRun {
  functionName: string;
  service: string;
  lastSuccessAt: EpochMs | null;
  lastFailureAt: EpochMs | null;
  lastErrorCode: string | null;
  runs: number;
  failures: number;
}

/** Where each function's runs are recorded (for health: "when did this service last succeed?"). */
export interface ServiceRunsStore {
  record(functionName: string, outcome: { ok: boolean; durationMs: number; errorCode?: string }, at: EpochMs): Promise<void>;
  list(): Promise<ServiceRun[]>;
}
