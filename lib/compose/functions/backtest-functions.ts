import type { FunctionResponse, InvocationContext } from '../../platform/envelope.ts';
import type { Runtime } from '../runtime.ts';
import * as tick from './coordinator-tick.ts';
import * as collect from './news-collect.ts';
import * as scan from './scanner-scan.ts';
import * as detect from './patterns-detect.ts';
import * as signals from './technical-signals.ts';
import * as execute from './trading-execute.ts';
import * as reconcile from './trading-reconcile.ts';

/** A function's entry point as a host calls it in process. */
export type MainFn = (args: unknown, context?: InvocationContext) => Promise<FunctionResponse | Record<string, unknown>>;

/** Builds one function over a host's runtime (a handler's `create`). */
export type CreateFn = (runtime: Runtime) => MainFn;

/**
 * The functions a backtest runs, by id: the coordinator's tick and every worker it invokes. A static registry
 * (not project.yml and a dynamic import per handler) so that one bundle, research/trial's, carries them; the
 * packages' handlers re-export these same definitions. project-spec.test.ts checks it against project.yml.
 */
export const BACKTEST_FUNCTIONS: Readonly<Record<string, CreateFn>> = {
  // The tick may answer an activation error record (a plain object): what loadFunctions casts to a MainFn too.
  'coordinator/tick': tick.create as CreateFn,
  'news/collect': collect.create,
  'scanner/scan': scan.create,
  'patterns/detect': detect.create,
  'technical/signals': signals.create,
  'trading/execute': execute.create,
  'trading/reconcile': reconcile.create,
};
