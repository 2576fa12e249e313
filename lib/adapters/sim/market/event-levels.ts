import { HOUR_MS, MINUTE_MS } from '../../../domain/time.ts';
import type { EventCore } from './market-types.ts';
import type { SessionGrid } from './session-grid.ts';
import { SETTLE_MS, type EventStream } from './event-stream.ts';

/** Volume stays raised for hours after a story; beyond a day the effect is negligible. */
const VOLUME_MEMORY_MS = 24 * HOUR_MS;
const BURST_TAU_MS = 20 * MINUTE_MS;
const VOLATILITY_TAU_MS = 30 * MINUTE_MS;

/** Adds the stories' cumulative price effect at path points [j0, j1] of the grid (default all, 0..minutes) to x. */
export function addEventLevels(x: Float64Array, grid: SessionGrid, stream: EventStream, j0 = 0, j1 = grid.minutes): void {
  const end = grid.start + grid.minutes * MINUTE_MS;
  const active = stream.between(grid.start - SETTLE_MS, end).length > 0;
  if (!active) {
    const level = stream.settledBefore(grid.start);
    if (level !== 0) for (let j = j0; j <= j1; j++) x[j] = x[j]! + level;
    return;
  }
  for (let j = j0; j <= j1; j++) x[j] = x[j]! + stream.levelAt(grid.start + j * MINUTE_MS);
}

/** Stories recent enough to still raise volume or volatility during the grid's day. */
export function eventsAffectingVolume(grid: SessionGrid, stream: EventStream): EventCore[] {
  return stream.between(grid.start - VOLUME_MEMORY_MS, grid.start + grid.minutes * MINUTE_MS);
}

/** Multiplies the volumes of slots [i0, i1) (default all) by the news-driven surge (1 where no story is recent). */
export function applyVolumeSurge(multiplier: Float64Array, grid: SessionGrid, events: readonly EventCore[], i0 = 0, i1 = grid.minutes): void {
  multiplier.fill(1, i0, i1);
  for (const e of events) {
    const { volumeBurst, volumeTail, volumeTailMinutes } = e.reaction;
    if (volumeBurst === 0 && volumeTail === 0) continue;
    const tailTau = volumeTailMinutes * MINUTE_MS;
    for (let i = i0; i < i1; i++) {
      // A slot counts the story if it was out before the slot ended.
      const dt = grid.start + (i + 1) * MINUTE_MS - e.publishedAt;
      if (dt <= 0 || dt > VOLUME_MEMORY_MS) continue;
      const age = Math.max(0, dt - MINUTE_MS / 2);
      multiplier[i] = multiplier[i]! + volumeBurst * Math.exp(-age / BURST_TAU_MS) + volumeTail * Math.exp(-age / tailTau);
    }
  }
}

/** Raises the step volatility after a story, more for bigger moves (prices churn while they re-rate). */
export function applyVolatilitySurge(sd: Float64Array, grid: SessionGrid, events: readonly EventCore[]): void {
  for (const e of events) {
    const size = Math.min(1, Math.abs(e.reaction.logImpact) / 0.05);
    if (size === 0) continue;
    for (let j = 0; j < grid.minutes; j++) {
      const dt = grid.start + j * MINUTE_MS - e.publishedAt;
      if (dt < 0 || dt > 6 * HOUR_MS) continue;
      sd[j] = sd[j]! * (1 + 4 * size * Math.exp(-dt / VOLATILITY_TAU_MS));
    }
  }
}
