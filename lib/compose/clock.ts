import type { Clock } from '../ports/clock.port.ts';
import { AppError } from '../shared/errors.ts';
import { getEnv } from './runtime.ts';
import { systemClock } from '../adapters/clock/system-clock.ts';
import { createScaledClock } from '../adapters/clock/scaled-clock.ts';

let hostClock: Clock | undefined;

/**
 * The simulated clock shared by every function of the local runtime: `SIM_CLOCK` is
 * `<sim epoch ms>,<real epoch ms>,<speed>` (the simulated time at a real instant, and the speed), set by
 * `npm start`; `SIM_MARKET_START` is the first day of the synthetic market's history. A clock set with
 * `setSimClock` takes SIM_CLOCK's place.
 */
export function simClockFromEnv(env: NodeJS.ProcessEnv = process.env): { clock: Clock; marketStart: string | undefined } {
  const raw = env.SIM_CLOCK;
  const start = env.SIM_MARKET_START;
  if (hostClock) return { clock: hostClock, marketStart: start };
  if (!raw || !start) {
    throw new AppError('CONFIG_INVALID', 'SIM_CLOCK and SIM_MARKET_START are not set: the simulated clock is shared by `npm start` (scheduler/start.ts)');
  }
  const [sim, real, speed] = raw.split(',').map(Number) as [number, number, number];
  if (![sim, real, speed].every(Number.isFinite) || speed <= 0) throw new AppError('CONFIG_INVALID', 'SIM_CLOCK must be "<sim ms>,<real ms>,<speed>"');
  return { clock: createScaledClock(sim, speed, real), marketStart: start };
}

let clock: Clock | undefined;

/**
 * Lets a host that steps simulated time itself (a test driving a trading day tick by tick, a backtest)
 * be the sim and backtest clock instead of SIM_CLOCK's scaled one; `undefined` hands it back to SIM_CLOCK.
 * Set it before the world is built (or reset the runtime). Paper and live always read the wall clock.
 */
export function setSimClock(c: Clock | undefined): void {
  hostClock = c;
  clock = undefined;
}

/** The trading clock: simulated in sim and backtest, the wall clock in paper and live. */
export function tradingClock(): Clock {
  if (!clock) {
    const mode = getEnv().TRADING_MODE;
    clock = mode === 'sim' || mode === 'backtest' ? simClockFromEnv().clock : systemClock;
  }
  return clock;
}

/** Forgets the clock (tests). */
export function resetClock(): void {
  clock = undefined;
}
