import type { Random } from '../../../shared/random.ts';
import type { SessionGrid } from './session-grid.ts';
import type { DailyStep } from './daily-path.ts';
import type { EventStream } from './event-stream.ts';
import { fillPath } from './paths.ts';
import { addEventLevels } from './event-levels.ts';

/**
 * The shared factor's log level at every path point of a day (the market for equities, the crypto factor
 * for crypto): a GARCH bridge through the session from the daily path's open to its close, a quiet drift in
 * the extended hours, plus the settled and unfolding effect of macro news. Every symbol adds it times its beta.
 */
export function generateFactorDay(rng: Random, grid: SessionGrid, step: DailyStep, macro: EventStream | null): Float64Array {
  const n = grid.minutes;
  const x = new Float64Array(n + 1);
  const sd = new Float64Array(n + 1);
  const scratch = new Float64Array(n + 1);
  const minuteSigma = step.sigma / Math.sqrt(390);
  for (let j = 0; j < n; j++) sd[j] = minuteSigma * grid.volatility[j]!;
  const { regularFrom: r0, regularTo: r1 } = grid;
  if (r0 > 0) fillPath(rng, x, sd, 0, r0, step.prevClose + 0.5 * (step.open - step.prevClose), step.open, false, scratch);
  fillPath(rng, x, sd, r0, r1, step.open, step.close, true, scratch);
  if (r1 < n) fillPath(rng, x, sd, r1, n, step.close, null, false, scratch);
  if (macro) addEventLevels(x, grid, macro);
  return x;
}
