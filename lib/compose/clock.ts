import type { Clock } from '../ports/clock.port.ts';
import { AppError } from '../shared/errors.ts';
import type { Runtime } from './runtime.ts';
import { systemClock } from '../adapters/clock/system-clock.ts';

/**
 * The simulated clock of sim and backtest: the host's (`npm start` scales one and persists it, a test or a
 * backtest steps one), with the synthetic market's first day in sim.
 */
export function simClock(rt: Runtime): { clock: Clock; marketStart: string | undefined } {
  const clock = rt.overrides.clock;
  if (!clock) throw new AppError('CONFIG_INVALID', `TRADING_MODE=${rt.env.TRADING_MODE} runs on the host's simulated clock: start it with \`npm start\` (sim) or \`npm run backtest\``);
  return { clock, marketStart: rt.overrides.simMarketStart };
}

const buildTradingClock = (rt: Runtime): Clock => (rt.env.TRADING_MODE === 'sim' || rt.env.TRADING_MODE === 'backtest' ? simClock(rt).clock : systemClock);

/** The trading clock: simulated in sim and backtest, the wall clock in paper and live. */
export function tradingClock(rt: Runtime): Clock {
  return rt.once(buildTradingClock);
}
