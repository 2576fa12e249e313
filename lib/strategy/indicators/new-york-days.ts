import type { IsoDate } from '../../domain/time.ts';
import { addDays, newYorkDate, newYorkTime } from '../../domain/calendar/new-york-time.ts';

/** A run of consecutive bars that fall on one New York calendar date. */
export interface NewYorkDay {
  date: IsoDate;
  /** Index of the day's first bar. */
  from: number;
  /** One past the index of the day's last bar. */
  to: number;
}

/**
 * Groups bar start times (ascending, epoch ms) by New York calendar date. Computes the date once per day, not
 * once per bar: a bar belongs to the current day while it starts before the next New York midnight.
 */
export function newYorkDays(t: ArrayLike<number>): NewYorkDay[] {
  const days: NewYorkDay[] = [];
  let dayEnd = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < t.length; i++) {
    const ti = t[i]!;
    if (ti < dayEnd) continue;
    const date = newYorkDate(ti);
    dayEnd = nextMidnight(date);
    const last = days[days.length - 1];
    if (last) last.to = i;
    days.push({ date, from: i, to: t.length });
  }
  return days;
}

/** When the New York calendar date of `t` ends (its next midnight, epoch ms): where `newYorkDays` starts a new day. */
export function newYorkDayEnd(t: number): number {
  return nextMidnight(newYorkDate(t));
}

const midnights = new Map<IsoDate, number>();

// Resolving a New York wall time goes through Intl and costs microseconds; every symbol asks for the same days.
function nextMidnight(date: IsoDate): number {
  let t = midnights.get(date);
  if (t === undefined) {
    t = newYorkTime(addDays(date, 1), '00:00');
    if (midnights.size > 10_000) midnights.clear();
    midnights.set(date, t);
  }
  return t;
}
