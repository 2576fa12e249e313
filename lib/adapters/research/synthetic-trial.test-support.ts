import type { TrialRequest } from '../../ports/trial-invoker.port.ts';
import { calendarBetween } from '../../domain/calendar/nyse-calendar.ts';
import { pointKey } from '../../domain/research/parameter-sampling.ts';
import { trialMetrics, type TrialResult } from '../../domain/research/trial.ts';
import { createRandom } from '../../shared/random.ts';

/**
 * A stand-in for a backtest, for tests of the study machinery: a session's return is a smooth function of
 * the settings (best at RISK = 0.75, more with more POSITIONS) plus noise seeded by the date and the settings,
 * one trade a session. Deterministic: a trial's result depends only on its request.
 */
export function syntheticTrial(request: TrialRequest): TrialResult {
  const risk = request.point.RISK ?? 0.5;
  const positions = request.point.POSITIONS ?? 1;
  const sessions = calendarBetween(request.window.from, request.window.to).map((s) => s.date);
  const sessionReturns = sessions.map((date) => {
    const noise = createRandom(0).fork(`${date} ${pointKey(request.point)}`).normal();
    return Number((0.002 - 0.01 * (risk - 0.75) ** 2 + 0.0002 * positions + 0.004 * noise).toFixed(8));
  });
  const trades = sessionReturns.map((r, i) => ({ exitDate: sessions[i]!, netPnlUsd: Number((r * 100_000).toFixed(2)) }));
  return { sessionReturns, trades, startEquityUsd: 100_000, metrics: trialMetrics(sessionReturns, trades), digest: `${request.key}` };
}

/** The worker-module form of syntheticTrial (see worker-pool.invoker.ts): `options.failOn` makes that trial key throw. */
export function createTrialRunner(options: { failOn?: string }): { run(request: TrialRequest): Promise<TrialResult> } {
  return {
    run: async (request) => {
      if (request.key === options.failOn) throw new Error(`synthetic failure of ${request.key}`);
      return syntheticTrial(request);
    },
  };
}
