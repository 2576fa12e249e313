/**
 * `npm run build` defines CATALYST_BUNDLE as "deployed": the simulator is then left out of the function
 * bundles (deployed functions trade paper or live; sim and backtest run locally), except research/trial's,
 * whose backtests bring their own world (runBacktest's RuntimeOverrides.simWorld). Unbundled (tsx, tests)
 * it is undefined and every mode is available.
 */
declare const CATALYST_BUNDLE: string | undefined;

import type { Env } from '../config/env.schema.ts';
import type { World } from './world-type.ts';
import type { Runtime } from './runtime.ts';
import { simWorld } from './world-sim.ts';
import { backtestWorld } from './world-backtest.ts';

type LocalEnv = Extract<Env, { TRADING_MODE: 'sim' | 'backtest' }>;

const buildLocalWorld = (rt: Runtime): World => {
  const env = rt.env as LocalEnv;
  return env.TRADING_MODE === 'backtest' ? backtestWorld(rt, env) : simWorld(rt, env);
};

/** The runtime's simulated world (sim or backtest), built once. */
function localWorld(rt: Runtime): World {
  return rt.once(buildLocalWorld);
}

/** The simulated worlds' builder, or null in a deployed bundle (esbuild folds the test and drops the simulator). */
export const simWorldBuilder: ((rt: Runtime) => World) | null = typeof CATALYST_BUNDLE === 'undefined' ? localWorld : null;
