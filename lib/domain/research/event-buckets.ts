import type { EpochMs } from '../time.ts';
import type { CalendarDay } from '../market.ts';

/** The session phases an event study groups news by (New York time, NYSE calendar). */
export type EventPhase = 'pre-market' | 'first-30-min' | 'midday' | 'last-hour' | 'after-hours' | 'closed';

const MINUTE = 60_000;

/** The phase of `day`'s session at `t`: pre-market 04:00-open, the first 30 minutes, midday, the last hour, after hours to 20:00. */
export function eventPhase(day: CalendarDay | null, t: EpochMs): EventPhase {
  if (!day || t < day.sessionOpen || t >= day.sessionClose) return 'closed';
  if (t < day.open) return 'pre-market';
  if (t < day.open + 30 * MINUTE) return 'first-30-min';
  if (t < day.close - 60 * MINUTE) return 'midday';
  return t < day.close ? 'last-hour' : 'after-hours';
}

/** Relative-volume buckets: edges of the day's volume so far against the average day's by the same time. */
export const RVOL_EDGES = [0.5, 1, 2, 5] as const;

/** The bucket of a relative volume ('<0.5', '0.5-1', '1-2', '2-5', '>=5'), or 'unknown' without volume history. */
export function rvolBucket(rvol: number | null): string {
  if (rvol === null || !Number.isFinite(rvol)) return 'unknown';
  if (rvol < RVOL_EDGES[0]) return `<${RVOL_EDGES[0]}`;
  for (let i = 1; i < RVOL_EDGES.length; i++) if (rvol < RVOL_EDGES[i]!) return `${RVOL_EDGES[i - 1]}-${RVOL_EDGES[i]}`;
  return `>=${RVOL_EDGES.at(-1)}`;
}
