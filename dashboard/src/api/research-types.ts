// The research views' responses (reporting/research-runs and reporting/research-run: lib/app/reporting/research-*.ts).
import type { Audit } from './audit-types.ts';
import type { EquityPoint, Trade } from './types.ts';

export type RunKind = 'backtest' | 'event-study' | 'walk-forward';

export interface RunHeader {
  id: number;
  kind: RunKind;
  status: 'running' | 'done';
  from: string;
  to: string;
  settingsDigest: string;
  startedAt: number;
  finishedAt: number | null;
}

/** A backtest's performance figures (fractions, USD). */
export interface BacktestMetrics {
  trades: number;
  netPnlUsd: number;
  feesUsd: number;
  winRate: number | null;
  profitFactor: number | null;
  expectancyUsd: number | null;
  averageR: number | null;
  totalReturn: number | null;
  sharpe: number | null;
  sortino: number | null;
  maxDrawdown: number;
  cagr: number | null;
  beforeFees: { pnlUsd: number };
}

/** A walk-forward trial's figures. */
export interface TrialMetrics {
  trades: number;
  netPnlUsd: number;
  totalReturn: number | null;
  sharpe: number | null;
  sortino: number | null;
  profitFactor: number | null;
  expectancyUsd: number | null;
  winRate: number | null;
  maxDrawdown: number;
}

export interface SampleSummary {
  n: number;
  mean: number | null;
  median: number | null;
  sd: number | null;
  t: number | null;
  hitRate: number | null;
  ci: [number, number] | null;
}

export interface EventGroup {
  dimension: string;
  group: string;
  events: number;
  returns: Record<string, SampleSummary>;
  adjusted: Record<string, SampleSummary> | null;
  meanMae: number | null;
  meanMfe: number | null;
}

export interface RunListing extends RunHeader {
  settings: Record<string, unknown>;
  assumptions: string[];
  headline:
    | { metrics: BacktestMetrics; assumptions: string[]; warnings: string[]; digest: string; trades: number }
    | { events: number; all: EventGroup | null; horizons: string[] }
    | { outOfSample: TrialMetrics; outOfSampleScore: number | null; inSampleMeanScore: number | null; probabilisticSharpe: number | null; folds: number }
    | null;
}

export interface BacktestRun extends RunHeader {
  kind: 'backtest';
  settings: Record<string, unknown> & { symbols: string[]; strategy: Record<string, unknown> };
  metrics: BacktestMetrics;
  assumptions: string[];
  warnings: string[];
  digest: string;
  equity: { perSession: { date: string; equity: number | null; pnlUsd: number; ordersPlaced: number; tradesClosed: number }[]; perMinute: EquityPoint[]; thinned: string | null };
  counts: { orders: number; fills: number; trades: number };
  trades: { trade: Trade; audit: Audit | null }[];
  tradesNote: string | null;
}

export interface EventStudyRun extends RunHeader {
  kind: 'event-study';
  settings: { horizons: string[]; newsLatency: string; spreadModel: string; indexSymbol: string | null; symbols: string[] | null; bootstrap: { resamples: number; seed: number } };
  definitions: Record<string, string>;
  skipped: Record<string, number>;
  groups: EventGroup[];
  meanCumulativeByCatalyst: { catalyst: string; events: number; points: { horizon: string; mean: number | null; n: number }[] }[];
  events: number;
  eventsNote: string;
}

export interface FoldReport {
  index: number;
  inSample: { from: string; to: string; sessions: number };
  outOfSample: { from: string; to: string; sessions: number };
  chosen: Record<string, number> | null;
  inSampleMetrics: TrialMetrics | null;
  inSampleScore: number | null;
  outOfSampleMetrics: TrialMetrics;
  outOfSampleScore: number | null;
  overfitting: { deflatedSharpe: number | null; expectedMaxSharpe: number | null; trials: number; pbo: number | null; pboSplits: number };
}

export interface WalkForwardRun extends RunHeader {
  kind: 'walk-forward';
  spec: Record<string, unknown>;
  objective: string | null;
  summary: {
    folds: FoldReport[];
    outOfSample: { metrics: TrialMetrics; startEquityUsd: number; sessions: number };
    outOfSampleScore: number | null;
    inSampleMeanScore: number | null;
    probabilisticSharpe: number | null;
    drawdowns: { observed: number; samples: number; percentiles: { percentile: number; maxDrawdown: number }[] } | null;
  } | null;
  outOfSampleEquity: { date: string; equity: number; drawdown: number }[];
  sensitivity: { name: string; values: { value: number; trials: number; scored: number; meanScore: number | null; bestScore: number | null }[] }[];
  trials: number;
  assumptions: string[];
}

export type ResearchRun = BacktestRun | EventStudyRun | WalkForwardRun;

/** reporting/research-compare: what differs between two runs, and two event studies catalyst by catalyst. */
export interface ResearchCompare {
  a: RunHeaderBrief;
  b: RunHeaderBrief;
  notes: string[];
  settings: { differ: { key: string; a: string; b: string; note: string | null }[]; same: number };
  assumptions: { shared: string[]; onlyA: string[]; onlyB: string[] };
  eventStudies: EventStudyComparison | null;
}
type RunHeaderBrief = Pick<RunHeader, 'id' | 'kind' | 'status' | 'from' | 'to' | 'settingsDigest'>;

export interface EventStudyComparison {
  horizons: string[];
  droppedHorizons: string[];
  sharedEvents: number;
  tests: number;
  significant: number;
  method: string;
  catalysts: {
    catalyst: string;
    eventsA: number;
    eventsB: number;
    shared: number;
    horizons: {
      horizon: string;
      a: SampleSummary | null;
      b: SampleSummary | null;
      difference: number | null;
      test: { t: number; df: number; p: number; pAdjusted: number; significant: boolean } | null;
      untested: string | null;
    }[];
  }[];
}
