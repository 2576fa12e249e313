import type { IsoDate, EpochMs } from '../../domain/time.ts';
import type { ClosedTrade, Performance } from '../../domain/performance.ts';
import type { ReplayFeed } from '../../adapters/replay/replay-feed.ts';
import type { SteppingClock } from '../../adapters/clock/stepping-clock.ts';
import type { StoreSet } from '../store-set.ts';
import type { Fill } from '../../domain/orders.ts';
import type { NewsAnalyser } from '../../app/research/shared-news-analysis.ts';
import type { SharedDetections } from '../../app/research/shared-detections.ts';
import type { SharedTechnicals } from '../../app/research/shared-technicals.ts';
import type { SharedScanInputs } from '../../app/scan/scan-inputs.ts';
import type { OrderDecision } from './backtest-orders.ts';

/** Where a running backtest is, as the progress line shows it. */
export interface BacktestProgress {
  /** The session being replayed. */
  date: IsoDate;
  /** Sessions finished, and of how many. */
  sessionsDone: number;
  sessions: number;
  /** Share of the current session's ticks done, 0..1. */
  sessionFraction: number;
  /** Bars replayed so far (bars that ended during the replayed sessions). */
  bars: number;
  /** Orders sent so far (entries and exits, as the ticks counted them). */
  ordersSent: number;
  /** Equity now minus equity at the start, USD (null before the first reading). */
  pnlUsd: number | null;
  /** Wall time since the replay started, ms. */
  elapsedMs: number;
}

export interface BacktestOptions {
  feed: ReplayFeed;
  /** First and last session replayed (New York dates). */
  from: IsoDate;
  to: IsoDate;
  /**
   * The environment the run's functions read (TRADING_MODE=backtest, its scratch DATABASE_URL, Redis), as a
   * record: each run builds its own runtime from it, so several backtests may run side by side. Whole: the
   * engine reads no project.yml (a deployed research/trial has none), so a local host puts its environment
   * section under it (scripts/backtest.ts does).
   */
  env: Record<string, string | undefined>;
  /** Every store at once instead of Postgres and Redis (the in-memory world); by default the env's Postgres and Redis. */
  stores?: StoreSet;
  /** news/collect's item analysis, when several runs share one (optimiser trials: see lib/app/research/shared-news-analysis.ts). */
  newsAnalysis?: NewsAnalyser;
  /** patterns/detect's detections, when several runs over this same `feed` share them (see lib/app/research/shared-detections.ts). */
  sharedDetections?: SharedDetections;
  /** technical/signals' indicators and regime, when several runs over this same `feed` share them (see lib/app/research/shared-technicals.ts). */
  sharedTechnicals?: SharedTechnicals;
  /** scanner/scan's inputs, when several runs over this same `feed` from the same first session share them (see lib/app/research/shared-scan-inputs.ts). */
  sharedScanInputs?: SharedScanInputs;
  /** The clock the run steps (pass the one `stores` were built over); a new stepping clock by default. */
  clock?: SteppingClock;
  /** Minutes between ticks outside [open - 10 min, close + 5 min], where every minute ticks. Default 15. */
  quietStepMinutes?: number;
  onDay?: (day: BacktestDay) => void;
  /** After every tick: where the run is (for a progress line). */
  onProgress?: (progress: BacktestProgress) => void;
  /** Asked before every tick; true stops the run there (Ctrl-C) and the result says `interrupted`. */
  shouldStop?: () => boolean;
  /** Also gather every fill and every trade with its decision audit (what `--json` writes). */
  detail?: boolean;
  /** Wall clock for timings (ms); performance.now by default. */
  wallNow?: () => number;
}

/** One replayed session (partial when the run was interrupted during it). */
export interface BacktestDay {
  date: IsoDate;
  ticks: number;
  failedTicks: number;
  /** Bars that ended during the ticks replayed of this session's day. */
  bars: number;
  ordersPlaced: number;
  tradesClosed: number;
  pnlUsd: number;
  equity: number | null;
  wallMs: number;
}

/** One point of the per-minute equity curve: the broker's account equity after the tick at `at`, USD. */
export interface MinuteEquity {
  at: EpochMs;
  equity: number;
}

/** Wall time the ticks spent in one stage, summed over the run. */
export interface StageTotal {
  name: string;
  ms: number;
  runs: number;
}

/** What `detail: true` adds: every execution and every round trip with its decision audit. */
export interface BacktestDetail {
  fills: (Fill & { clientOrderId: string | null })[];
  /** Each trade as the reporting reader lists it, with the chain behind it (news → candidate → signal → risk → orders → fills → exit). */
  trades: { trade: Record<string, unknown>; audit: unknown }[];
}

export interface BacktestResult {
  days: BacktestDay[];
  /** Sessions asked for (days holds those replayed). */
  sessions: number;
  /** True when shouldStop ended the run early: every figure covers only what was replayed. */
  interrupted: boolean;
  performance: Performance;
  /** The round trips closed in the run, oldest first (research reshuffles them). */
  trades: ClosedTrade[];
  orders: OrderDecision[];
  /** SHA-256 of the orders: two runs of the same data and settings print the same digest. */
  digest: string;
  ticks: number;
  failedTicks: number;
  bars: number;
  /** The first few failures, as the tick reported them. */
  errors: string[];
  wallMs: number;
  /** Of wallMs, the time before the first session: building the runtime and every function over it (their modules load on import, before this). */
  startupMs: number;
  equityPerMinute: MinuteEquity[];
  stageTotals: StageTotal[];
  /** What the figures assume: spread model, slippage, fill rules, latency, fees, metric definitions. */
  assumptions: string[];
  /** What the reader must not overlook (fewer than 30 trades). */
  warnings: string[];
  detail?: BacktestDetail;
}
