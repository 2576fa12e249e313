import type { Clock } from '../../ports/clock.port.ts';

/**
 * Simulated time that runs `speed` times faster than the wall clock from an anchor: at real time
 * `realAnchor` it reads `simAnchor`. Deterministic for given anchors, so several processes agree.
 */
export interface ScaledClock extends Clock {
  readonly speed: number;
  /** Real milliseconds until the simulated clock reads `simTarget` (0 if it already has). */
  realDelayUntil(simTarget: number): number;
}

export function createScaledClock(simAnchor: number, speed: number, realAnchor: number = Date.now(), realNow: () => number = () => Date.now()): ScaledClock {
  if (!(speed > 0)) throw new Error('speed must be > 0');
  return {
    speed,
    now: () => simAnchor + (realNow() - realAnchor) * speed,
    realDelayUntil: (simTarget) => Math.max(0, (simTarget - (simAnchor + (realNow() - realAnchor) * speed)) / speed),
  };
}
