import type { EpochMs, IsoDate } from '../domain/time.ts';
import type { Asset } from '../domain/market.ts';
import type { Candidate } from '../strategy/scanner/rank.ts';

/** Daily statistics of one symbol (refreshed once a trading day). */
export interface SymbolStats {
  symbol: string;
  asOf: IsoDate;
  prevClose: number;
  avgVolume20d: number;
  avgDollarVolume20d: number;
  atr14d: number | null;
}

export interface StoredCandidate extends Candidate {
  id: number;
  cycleId: number;
  at: EpochMs;
}

/** A signal's trade plan, USD (the strategy's `Signal.plan`). */
export interface SignalPlan {
  entry: number;
  stop: number;
  target: number;
  riskPerUnitUsd: number;
}

/** What a signal was computed from (explainability); `plan` and `news` are read back by execute. */
export interface SignalInputs {
  plan?: SignalPlan | null;
  news?: { storyIds?: number[]; newsItemIds?: number[] };
  [k: string]: unknown;
}

export interface SignalRecord {
  cycleId: number;
  at: EpochMs;
  symbol: string;
  direction: 'long' | 'short' | 'none';
  score: number;
  explanation: string;
  inputs: SignalInputs;
  candidateId: number | null;
}

export interface StoredSignal extends SignalRecord {
  id: number;
}

/** The universe, daily statistics, and each cycle's candidates and signals. */
export interface AnalysisStore {
  upsertAssets(assets: readonly Asset[], at: EpochMs): Promise<number>;
  assets(filter?: { tradableOnly?: boolean; symbols?: readonly string[] }): Promise<Asset[]>;
  upsertStats(stats: readonly SymbolStats[], at: EpochMs): Promise<number>;
  stats(symbols: readonly string[]): Promise<Map<string, SymbolStats>>;
  saveCandidates(cycleId: number, at: EpochMs, candidates: readonly Candidate[]): Promise<StoredCandidate[]>;
  candidatesOf(cycleId: number): Promise<StoredCandidate[]>;
  saveSignals(signals: readonly SignalRecord[]): Promise<StoredSignal[]>;
  signalsOf(cycleId: number): Promise<StoredSignal[]>;
  /** The newest signal per symbol since `since`. */
  latestSignals(symbols: readonly string[], since: EpochMs): Promise<Map<string, StoredSignal>>;
}
