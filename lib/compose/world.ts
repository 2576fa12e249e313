import type { World } from './world-type.ts';
import { AppError } from '../shared/errors.ts';
import type { Runtime } from './runtime.ts';
import { simWorldBuilder } from './bundle-target.ts';
import { alpacaWorld } from './world-alpaca.ts';

export type { World };

const buildWorld = (rt: Runtime): World => {
  const env = rt.env;
  if (env.TRADING_MODE === 'sim' || env.TRADING_MODE === 'backtest') {
    const build = rt.overrides.simWorld ?? simWorldBuilder;
    if (!build) throw new AppError('CONFIG_INVALID', `TRADING_MODE=${env.TRADING_MODE} runs locally (npm start); deployed functions trade paper or live`);
    return build(rt);
  }
  return alpacaWorld(rt, env);
};

/** The runtime's world, built once. */
export function getWorld(rt: Runtime): World {
  return rt.once(buildWorld);
}
