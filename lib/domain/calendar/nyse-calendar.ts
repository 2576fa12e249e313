import type { EpochMs, IsoDate } from '../time.ts';
import type { CalendarDay, MarketClock } from '../market.ts';
import { addDays, newYorkParts, newYorkTime, weekdayOf } from './new-york-time.ts';
import { holidaysOf } from './nyse-holidays.ts';

/** Where an instant falls in the US equity trading day. */
export type SessionPhase = 'closed' | 'pre' | 'regular' | 'post';

/** True when the exchange trades on `date` (a weekday that is not a holiday). */
export function isTradingDay(date: IsoDate): boolean {
  const w = weekdayOf(date);
  if (w === 0 || w === 6) return false;
  return !holidaysOf(Number(date.slice(0, 4))).closed.has(date);
}

/** Why the exchange is closed on `date`, or null when it trades. */
export function closureReason(date: IsoDate): string | null {
  const w = weekdayOf(date);
  if (w === 0 || w === 6) return 'weekend';
  return holidaysOf(Number(date.slice(0, 4))).closed.get(date) ?? null;
}

const dayCache = new Map<IsoDate, CalendarDay | null>();

/** The session of `date` (regular 9:30-16:00 ET, 13:00 on early-close days; extended 4:00-20:00), or null. */
export function calendarDay(date: IsoDate): CalendarDay | null {
  if (dayCache.has(date)) return dayCache.get(date)!;
  let day: CalendarDay | null = null;
  if (isTradingDay(date)) {
    const early = holidaysOf(Number(date.slice(0, 4))).early.has(date);
    day = {
      date,
      open: newYorkTime(date, '09:30'),
      close: newYorkTime(date, early ? '13:00' : '16:00'),
      sessionOpen: newYorkTime(date, '04:00'),
      sessionClose: newYorkTime(date, early ? '17:00' : '20:00'),
    };
  }
  if (dayCache.size > 20_000) dayCache.clear();
  dayCache.set(date, day);
  return day;
}

/** Every trading day from `start` to `end`, inclusive. */
export function calendarBetween(start: IsoDate, end: IsoDate): CalendarDay[] {
  const out: CalendarDay[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) {
    const day = calendarDay(d);
    if (day) out.push(day);
  }
  return out;
}

/** The first trading day strictly after `date`. */
export function nextTradingDay(date: IsoDate): CalendarDay {
  for (let d = addDays(date, 1); ; d = addDays(d, 1)) {
    const day = calendarDay(d);
    if (day) return day;
  }
}

/** The last trading day strictly before `date`. */
export function previousTradingDay(date: IsoDate): CalendarDay {
  for (let d = addDays(date, -1); ; d = addDays(d, -1)) {
    const day = calendarDay(d);
    if (day) return day;
  }
}

/** The phase of the trading day at instant `t`. */
export function sessionPhaseAt(t: EpochMs): SessionPhase {
  const day = calendarDay(newYorkParts(t).date);
  if (!day || t < day.sessionOpen || t >= day.sessionClose) return 'closed';
  if (t < day.open) return 'pre';
  return t < day.close ? 'regular' : 'post';
}

/** The market clock at `t`, as Alpaca's /v2/clock reports it (regular session only). */
export function marketClockAt(t: EpochMs): MarketClock {
  const date = newYorkParts(t).date;
  const today = calendarDay(date);
  const isOpen = today !== null && t >= today.open && t < today.close;
  const nextOpenDay = today && t < today.open ? today : nextTradingDay(date);
  const nextCloseDay = today && t < today.close ? today : nextTradingDay(date);
  return { now: t, isOpen, nextOpen: nextOpenDay.open, nextClose: nextCloseDay.close };
}
