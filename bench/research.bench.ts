import os from 'node:os';
import path from 'node:path';
import { workerPoolInvoker } from '../lib/adapters/research/worker-pool.invoker.ts';
import { halvingRungs, randomPoints } from '../lib/domain/research/parameter-sampling.ts';
import { trialKey } from '../lib/app/research/trial-scheduler.ts';
import { calendarBetween } from '../lib/domain/calendar/nyse-calendar.ts';
import { createRandom } from '../lib/shared/random.ts';
import { PARAMETER_SPACE } from '../lib/config/parameter-space.ts';
import type { TrialRequest } from '../lib/ports/trial-invoker.port.ts';
import type { BacktestTrialOptions } from '../lib/compose/research/backtest-trial.ts';
import { printFigures, printSection } from './report.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const FROM = '2026-10-05';
const TO = '2026-10-09';
const SYMBOLS = 100;
// The issue's study: one year of sessions, 50 trials per fold; the plan below is one honest reading of it.
const YEAR_SESSIONS = 252;
const IN_SAMPLE = 63;
const OUT_OF_SAMPLE = 21;
const TRIALS_PER_FOLD = 50;
const TARGET_MINUTES = 10;

/** Trial-sessions one fold costs: every candidate on its in-sample slices (random: the whole window), plus the out-of-sample run. */
function foldSessions(sampler: 'random' | 'halving'): number {
  const search = sampler === 'random' ? TRIALS_PER_FOLD * IN_SAMPLE : halvingRungs(TRIALS_PER_FOLD, IN_SAMPLE, 3).reduce((s, r) => s + r.candidates * r.sessions, 0);
  return search + OUT_OF_SAMPLE;
}

/**
 * `npm run bench -- research`: optimiser trials as `npm run optimize` runs them (worker threads, each loading
 * the history once, every trial a whole-system backtest over its own in-memory stores) on a realistic trial:
 * 100 synthetic symbols with news x 5 sessions. Prints trials a minute (a first wave that includes each
 * worker's start and history load, then a timed steady wave: BENCH_RESEARCH_TRIALS, default 4) and the
 * PROJECTION, from the steady rate, of the issue's target: a walk-forward of one year of 100 symbols, 50
 * trials per fold, in under 10 minutes. The projection is arithmetic, not a run of the study. CPU per trial
 * (all threads, steady wave) is beside it: wall time on a shared machine follows the load, CPU much less.
 * BENCH_RESEARCH_SHARE=0 runs the trials without the worker's shared news analysis, detections, technicals and scan inputs (the before figure).
 */
export async function benchResearch(): Promise<boolean> {
  const workers = Math.max(1, os.availableParallelism());
  const steady = Math.max(1, Number(process.env.BENCH_RESEARCH_TRIALS ?? 4));
  const sessions = calendarBetween(FROM, TO).length;
  printSection(`research: optimiser trials, ${SYMBOLS} synthetic symbols with news x ${sessions} sessions (${FROM}..${TO}), ${workers} worker thread(s), in memory`);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'DATABASE_URL') env[k] = v;
  Object.assign(env, { TRADING_MODE: 'backtest', LOG_LEVEL: 'error' });
  const shareNewsAnalysis = process.env.BENCH_RESEARCH_SHARE !== '0';
  const options: BacktestTrialOptions = { history: { kind: 'synthetic', seed: 42, symbols: SYMBOLS, newsRate: 4 }, env, from: FROM, to: TO, shareNewsAnalysis, shareDetections: shareNewsAnalysis, shareTechnicals: shareNewsAnalysis, shareScanInputs: shareNewsAnalysis };
  const window = { from: FROM, to: TO };
  const points = randomPoints(PARAMETER_SPACE, workers + steady, createRandom(7));
  const requests: TrialRequest[] = points.map((point) => ({ key: trialKey(point, window), point, window }));
  const invoker = workerPoolInvoker({ workers, modulePath: path.join(ROOT, 'lib/compose/research/backtest-trial.ts'), options });
  try {
    const t0 = performance.now();
    const first = await Promise.all(requests.slice(0, workers).map((r) => invoker.run(r)));
    const t1 = performance.now();
    const cpu = process.cpuUsage();
    const rest = await Promise.all(requests.slice(workers).map((r) => invoker.run(r)));
    const t2 = performance.now();
    const cpuUsed = process.cpuUsage(cpu);
    const cpuSecondsPerTrial = (cpuUsed.user + cpuUsed.system) / 1e6 / steady;
    const perMinuteCold = (workers * 60_000) / (t1 - t0);
    const perMinute = (steady * 60_000) / (t2 - t1);
    const trades = [...first, ...rest].reduce((s, r) => s + r.trades.length, 0);
    const sessionsPerMinute = perMinute * sessions;
    const met = printFigures([
      { name: `trials a minute, steady (${steady} trials after the first wave)`, value: Math.round(perMinute * 10) / 10, unit: 'trials/min' },
      { name: `trials a minute, first wave (${workers} trials, with worker start and history load)`, value: Math.round(perMinuteCold * 10) / 10, unit: 'trials/min' },
      { name: 'trial-sessions a minute (100 symbols), steady', value: Math.round(sessionsPerMinute * 10) / 10, unit: 'sessions/min' },
      { name: `CPU per trial, steady, all threads (${shareNewsAnalysis ? 'news analysis, detections, technicals and scan inputs shared' : 'BENCH_RESEARCH_SHARE=0: unshared'})`, value: Math.round(cpuSecondsPerTrial * 10) / 10, unit: 's' },
      { name: 'trades closed over all trials (a trial that trades nothing is no result)', value: trades, unit: 'trades' },
    ]);
    const folds = Math.floor((YEAR_SESSIONS - IN_SAMPLE) / OUT_OF_SAMPLE);
    console.log(`  PROJECTION (arithmetic from the steady rate, not a measured study): one year (${YEAR_SESSIONS} sessions) of ${SYMBOLS} symbols, ${folds} folds of ${IN_SAMPLE} in-sample + ${OUT_OF_SAMPLE} out-of-sample sessions, ${TRIALS_PER_FOLD} trials per fold:`);
    const rungs = halvingRungs(TRIALS_PER_FOLD, IN_SAMPLE, 3);
    console.log(`  assumes per fold: random ${TRIALS_PER_FOLD}x${IN_SAMPLE}; halving (eta 3, as npm run optimize) ${rungs.map((r) => `${r.candidates}x${r.sessions}`).join(' + ')} in-sample trial-sessions; both + ${OUT_OF_SAMPLE} out of sample; every trial-session at the steady wave's cost (its per-trial start amortised over ${sessions} sessions, the worker's shared caches as warm as after ${workers + steady} trials)`);
    let projectedMet = true;
    for (const sampler of ['random', 'halving'] as const) {
      const total = folds * foldSessions(sampler);
      const minutes = total / sessionsPerMinute;
      projectedMet = printFigures([{ name: `projected study, ${sampler} sampler (${total} trial-sessions)`, value: Math.round(minutes), unit: 'min', target: { value: TARGET_MINUTES, better: 'lower' } }]) && projectedMet;
    }
    // The same arithmetic from CPU time: what the study would take with every core busy on it and nothing else.
    const cpuSessionsPerMinute = (workers * 60) / (cpuSecondsPerTrial / sessions);
    for (const sampler of ['random', 'halving'] as const) {
      const total = folds * foldSessions(sampler);
      printFigures([{ name: `  same from CPU per trial, ${workers} core(s) ours alone, ${sampler}`, value: Math.round(total / cpuSessionsPerMinute), unit: 'min', target: { value: TARGET_MINUTES, better: 'lower' } }]);
    }
    return met && projectedMet;
  } finally {
    await invoker.close();
  }
}
