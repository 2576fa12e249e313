import type { EpochMs } from '../time.ts';
import type { CalendarDay } from '../market.ts';
import type { SessionPhase } from './nyse-calendar.ts';

/** The phase of `day`'s session at instant `t` (closed on a day without a session). */
export function sessionPhaseIn(day: CalendarDay | null, t: EpochMs): SessionPhase {
  if (!day || t < day.sessionOpen || t >= day.sessionClose) return 'closed';
  if (t < day.open) return 'pre';
  return t < day.close ? 'regular' : 'post';
}
