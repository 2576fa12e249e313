import type { Clock } from '../../ports/clock.port.ts';

/** The wall clock, for paper and live trading and for operational timestamps. */
export const systemClock: Clock = { now: () => Date.now() };
