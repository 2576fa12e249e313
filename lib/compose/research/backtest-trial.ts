import type { IsoDate } from '../../domain/time.ts';
import { trialMetrics, type TrialResult } from '../../domain/research/trial.ts';
import type { TrialRequest, TrialRunner } from '../../ports/trial-invoker.port.ts';
import { DEFAULT_SIM_BROKER_CONFIG } from '../../adapters/sim/broker/sim-broker-config.ts';
import { steppingClock } from '../../adapters/clock/stepping-clock.ts';
import { memoryStores } from '../memory-stores.ts';
import { settingsFor, type ParameterPoint } from '../../config/parameter-space.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import type { ReplayFeed } from '../../adapters/replay/replay-feed.ts';
import { trialHistorySource, type TrialHistory, type TrialHistoryOptions } from './trial-history.ts';
import { sharedNewsAnalysis } from '../../app/research/shared-news-analysis.ts';
import { runBacktest, type BacktestResult } from '../backtest/run-backtest.ts';
import { sharedDetections } from '../../app/research/shared-detections.ts';
import { sharedTechnicals } from '../../app/research/shared-technicals.ts';
import { sharedScanInputs } from '../../app/research/shared-scan-inputs.ts';

export type { TrialHistory } from './trial-history.ts';

/** What a worker needs to run backtest trials (structured-cloneable: it crosses into the worker thread). */
export interface BacktestTrialOptions {
  history: TrialHistory;
  /** The environment every trial starts from (log level, settings); the point's settings go over it. */
  env: Record<string, string>;
  /** The study's sessions: the history every trial of the worker streams covers them. */
  from: IsoDate;
  to: IsoDate;
  symbols?: string[];
  assets?: TrialHistoryOptions['assets'];
  spreadBps?: Record<string, number>;
  /** Analyse each news item once for all the worker's trials (default true; false: every trial analyses it again). */
  shareNewsAnalysis?: boolean;
  /** Detect candle patterns and setups once per symbol and instant for all the worker's trials (default true; false: every trial detects them again). */
  shareDetections?: boolean;
  /** Compute indicators and regime once per symbol and instant for all the worker's trials (default true; false: every trial computes them again). */
  shareTechnicals?: boolean;
  /** Read the scan's inputs (news by symbol, snapshots, statistics) once per window start and instant for all the worker's trials (default true; false: every trial reads them again). */
  shareScanInputs?: boolean;
  /** Sessions of loaded history the worker keeps for its trials (default TRIAL_CACHE_SESSIONS). */
  cacheSessions?: number;
}

/** Session returns from the run's end-of-day equity, the first over the broker's starting cash. */
export function trialResultOf(result: BacktestResult, startEquityUsd: number): TrialResult {
  let previous = startEquityUsd;
  const sessionReturns = result.days.map((d) => {
    const equity = d.equity ?? previous;
    const r = previous > 0 ? equity / previous - 1 : 0;
    previous = equity;
    return r;
  });
  const trades = [...result.trades].sort((a, b) => a.exitAt - b.exitAt).map((t) => ({ exitDate: t.exitDate, netPnlUsd: t.pnlUsd - (t.feesUsd ?? 0) }));
  return { sessionReturns, trades, startEquityUsd, metrics: trialMetrics(sessionReturns, trades), digest: result.digest };
}

/**
 * A trial runner for workerPoolInvoker: streams each trial its own window's history (trial-history.ts), running it as a whole-system
 * backtest (lib/compose/backtest/run-backtest.ts) over its own in-memory stores and clock, so trials share nothing but the
 * read-only history and no trial writes to a database.
 */
export async function createTrialRunner(options: BacktestTrialOptions): Promise<TrialRunner> {
  const history = trialHistorySource(options);
  // The study's first window is planned here, so a bad history fails the worker's start, not its first trial.
  await history.open({ from: options.from, to: options.to });
  return trialRunnerOver(options, history);
}

/** The trial runner over any history that opens a feed per trial (createTrialRunner's streamed one; tests: a whole-window feed). */
export function trialRunnerOver(options: BacktestTrialOptions, history: { open(window: TrialRequest['window']): Promise<ReplayFeed>; close?(): Promise<void> }): TrialRunner {
  // Per-window work that no tuned parameter reads, done once for every trial of this worker.
  const newsAnalysis = options.shareNewsAnalysis === false ? undefined : sharedNewsAnalysis();
  const detections = options.shareDetections === false ? undefined : sharedDetections();
  const technicals = options.shareTechnicals === false ? undefined : sharedTechnicals();
  const scanInputs = options.shareScanInputs === false ? undefined : sharedScanInputs();
  return {
    async run(request: TrialRequest, shouldStop?: () => boolean): Promise<TrialResult> {
      // settingsFor checks the point against the declared space (the sampler's points are plain records).
      const env = { ...options.env, ...settingsFor(request.point as ParameterPoint), TRADING_MODE: 'backtest', DATABASE_URL: undefined };
      // Each trial streams its own window, as a backtest of it would, over the worker's bounded memos: memory bounded by sessions held, not by the study.
      const feed = await history.open(request.window);
      const clock = steppingClock(newYorkTime(request.window.from, '00:00'));
      const result = await runBacktest({ feed, from: request.window.from, to: request.window.to, env, clock, stores: memoryStores({ clock, retention: 'backtest' }), ...(newsAnalysis ? { newsAnalysis } : {}), ...(detections ? { sharedDetections: detections } : {}), ...(technicals ? { sharedTechnicals: technicals } : {}), ...(scanInputs ? { sharedScanInputs: scanInputs.forWindow(request.window.from) } : {}), ...(shouldStop ? { shouldStop } : {}) });
      if (result.interrupted) throw new Error(`trial ${request.key}: stopped before its last session (${result.days.length} of ${result.sessions} replayed): out of time`);
      if (result.failedTicks) throw new Error(`trial ${request.key}: ${result.failedTicks} tick(s) failed, first: ${result.errors[0] ?? 'unknown'}`);
      return trialResultOf(result, DEFAULT_SIM_BROKER_CONFIG.initialCash);
    },
    close: async () => history.close?.(),
  };
}
