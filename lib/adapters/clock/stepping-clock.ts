import type { Clock } from '../../ports/clock.port.ts';

/** A simulated clock that reads what its host last set (a backtest or a test stepping minute by minute). */
export interface SteppingClock extends Clock {
  set(t: number): void;
}

/** A SteppingClock starting at `start` (epoch ms). */
export function steppingClock(start: number): SteppingClock {
  let t = start;
  return { now: () => t, set: (next) => void (t = next) };
}
