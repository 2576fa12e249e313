/**
 * `npm run build` defines CATALYST_BUNDLE as "deployed": the simulator is then left out of the function
 * bundles (deployed functions trade paper or live; sim and backtest run locally). Unbundled (tsx, tests)
 * it is undefined and every mode is available.
 */
declare const CATALYST_BUNDLE: string | undefined;

import { simWorld } from './world-sim.ts';

/** The simulated world's builder, or null in a deployed bundle (esbuild folds the test and drops the simulator). */
export const simWorldBuilder: typeof simWorld | null = typeof CATALYST_BUNDLE === 'undefined' ? simWorld : null;
