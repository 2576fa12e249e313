import type { EpochMs, IsoDate } from '../domain/time.ts';
import type { Stage, StageRun } from '../domain/cycle-stages.ts';

export interface StageRecord {
  name: string;
  startedAt: EpochMs;
  ms: number;
  ok: boolean;
  why: string;
  counts: Record<string, number>;
  error?: { code: string; message: string };
}

export interface CycleRecord {
  id: number;
  startedAt: EpochMs;
  finishedAt: EpochMs | null;
  fenceToken: number;
  mode: string;
  marketPhase: string;
  status: 'running' | 'ok' | 'partial' | 'failed';
  stages: StageRecord[];
  counts: Record<string, number>;
  errors: { stage: string; code: string; message: string }[];
}

/** The coordinator's record of its cycles, and the fence that stops a tick that lost its lock. */
export interface CycleStore {
  /**
   * Advances the fence to `token` and opens a cycle; throws LOCK_LOST when a newer token already wrote
   * (this tick's lock expired and another tick took over).
   */
  start(token: number, at: EpochMs, mode: string, marketPhase: string): Promise<CycleRecord>;
  /** Appends a stage (fenced). */
  recordStage(cycleId: number, token: number, stage: StageRecord, day: IsoDate): Promise<void>;
  finish(cycleId: number, token: number, at: EpochMs, status: CycleRecord['status'], counts: Record<string, number>): Promise<void>;
  stageRuns(): Promise<Partial<Record<Stage, StageRun>>>;
  /** Whether the coordinator opened this cycle (a worker refuses to write rows for any other). */
  exists(cycleId: number): Promise<boolean>;
  /** The latest cycles, newest first. */
  recent(limit: number): Promise<CycleRecord[]>;
  /** When the last cycle that finished without failing ended. */
  lastSuccessfulAt(): Promise<EpochMs | null>;
}
