import { AppError } from '../../shared/errors.ts';
import { settingsFor, type ParameterPoint } from '../../config/parameter-space.ts';
import { TRIAL_DEADLINE_MARGIN_MS, type TrialEngine, type TrialRequest, type TrialRunner, type TrialStudy } from '../../ports/trial-invoker.port.ts';
import type { TrialResult } from '../../domain/research/trial.ts';

/**
 * The trial runners of a warm `research/trial` container: the study's history is loaded (or built) once and
 * reused by every later trial of the same study; a trial of another study replaces it (one study at a time).
 */
export function studyRunners(engine: TrialEngine | undefined) {
  let current: { key: string; runner: Promise<TrialRunner> } | undefined;
  const runnerFor = (study: TrialStudy): Promise<TrialRunner> => {
    if (!engine) throw new AppError('CONFIG_INVALID', 'research/trial has no backtest engine in this host: run trials on worker threads (npm run optimize without --remote) or through the local runtime (npm start)');
    const key = JSON.stringify(study);
    if (current?.key !== key) {
      const previous = current;
      current = { key, runner: engine(study) };
      // A runner that failed to start is not kept: the next trial tries again.
      current.runner.catch(() => (current?.key === key ? (current = undefined) : undefined));
      void previous?.runner.then((r) => r.close?.()).catch(() => undefined);
    }
    return current.runner;
  };
  return {
    /** Runs one trial; `remainingMs` is the activation's time left (the trial stops, and fails, short of it). */
    async run(study: TrialStudy, request: TrialRequest, remainingMs: () => number): Promise<TrialResult> {
      try {
        // A point off the declared space is the caller's mistake: answered as such (400), never retried.
        settingsFor(request.point as ParameterPoint);
      } catch (e) {
        throw new AppError('BAD_REQUEST', `request.point: ${e instanceof Error ? e.message : String(e)}`);
      }
      const runner = await runnerFor(study);
      return runner.run(request, () => remainingMs() < TRIAL_DEADLINE_MARGIN_MS);
    },
  };
}
