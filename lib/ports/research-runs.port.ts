import type { BacktestReportFile } from '../domain/research/backtest-report.schema.ts';
import type { EventStudyDocumentFile } from '../domain/research/event-study.schema.ts';
import type { WalkForwardSummaryFile } from '../domain/research/walk-forward-summary.schema.ts';
import type { StoredFold } from './research-store.port.ts';
import type { SensitivityTrial } from '../domain/research/parameter-sensitivity.ts';
import type { EpochMs } from '../domain/time.ts';

export type ResearchRunKind = 'backtest' | 'event-study' | 'walk-forward';
export const RESEARCH_RUN_KINDS: readonly ResearchRunKind[] = ['backtest', 'event-study', 'walk-forward'];

/** What every run has, whatever its kind: enough for a list (a few hundred bytes a run). */
export interface ResearchRunHeader {
  id: number;
  kind: ResearchRunKind;
  status: 'running' | 'done';
  /** The first and last session (or news date) covered. */
  from: string;
  to: string;
  /** SHA-256 of the settings alone: runs with the same digest were asked the same thing. */
  settingsDigest: string;
  startedAt: EpochMs;
  finishedAt: EpochMs | null;
}

/** A run in the list: its header, its settings as stored, and the small part of its result the list shows. */
export interface ResearchRunListing extends ResearchRunHeader {
  settings: Record<string, unknown>;
  /** Kind-specific headline, parsed: the backtest's metrics and assumptions; the study's 'all' group; the walk-forward's stitched figures. */
  headline: unknown;
}

/** One run whole, parsed through its document's schema. */
export type ResearchRunRecord =
  | (ResearchRunHeader & { kind: 'backtest'; report: BacktestReportFile })
  | (ResearchRunHeader & { kind: 'event-study'; document: EventStudyDocumentFile })
  | (ResearchRunHeader & { kind: 'walk-forward'; spec: Record<string, unknown>; summary: WalkForwardSummaryFile | null; folds: StoredFold[]; trials: (SensitivityTrial & { key: string })[] });

/** Saves finished backtests and event studies as research runs (walk-forward studies use ResearchStore). */
export interface ResearchArchive {
  /** Stores a run; the same settings with the same result is the same run (its id is returned again). */
  saveBacktest(report: BacktestReportFile): Promise<number>;
  saveEventStudy(document: EventStudyDocumentFile): Promise<number>;
}

/**
 * Which runs a list shows. `from`/`to` select runs whose studied window (first to last session or news date)
 * overlaps [from, to]; `savedFrom`/`savedTo` select by the New York date the run was saved (finished, or started
 * while still running). Dates are YYYY-MM-DD, bounds inclusive; `beforeId` pages (ids below it).
 */
export interface ResearchRunFilter {
  kind?: ResearchRunKind;
  from?: string;
  to?: string;
  savedFrom?: string;
  savedTo?: string;
  beforeId?: number;
  limit: number;
}

/** Read-only: the research runs for the dashboard. */
export interface ResearchRunsReader {
  runs(filter: ResearchRunFilter): Promise<{ runs: ResearchRunListing[]; nextBeforeId: number | null }>;
  run(id: number): Promise<ResearchRunRecord | null>;
}
