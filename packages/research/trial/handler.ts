import { worker } from '../../../lib/compose/worker.ts';
import { TrialContract } from '../../../lib/ports/trial-contract.ts';
import { studyRunners } from '../../../lib/app/research/study-runners.ts';
import { trialEngineOf } from '../../../lib/compose/research/trial-engine.ts';
import type { Runtime } from '../../../lib/compose/runtime.ts';

/**
 * research/trial: one walk-forward trial (a whole-system backtest of one window with one set of settings), fanned out by
 * `npm run optimize -- --remote`. Deployed, its bundle carries the backtest engine (the only one that does).
 */
const setup = (rt: Runtime) => ({ runners: studyRunners(trialEngineOf(rt)) });

export const { main, create } = worker(TrialContract, setup, (input, { deps, remainingMs }) => deps.runners.run(input.study, input.request, remainingMs));
