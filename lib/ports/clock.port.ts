import type { EpochMs } from '../domain/time.ts';

/** The only source of "now" for the core: real in paper/live, simulated in sim and backtest. */
export interface Clock {
  now(): EpochMs;
}
