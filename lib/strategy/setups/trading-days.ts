import type { CalendarDay } from '../../domain/market.ts';
import type { IsoDate } from '../../domain/time.ts';
import { calendarDay } from '../../domain/calendar/nyse-calendar.ts';
import { addDays, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { newYorkDays, type NewYorkDay } from '../indicators/new-york-days.ts';

/**
 * One NYSE trading day's bars, split by session. Index ranges are half-open [from, to) into the bar series.
 * Pre-market is 04:00–09:30 ET, regular 09:30 to the close (16:00, or 13:00 on early-close days), after-hours
 * to 20:00; a bar belongs to the session its start time falls in.
 */
export interface TradingDay {
  date: IsoDate;
  calendar: CalendarDay;
  premarket: IndexRange;
  regular: IndexRange;
  afterHours: IndexRange;
}

export interface IndexRange {
  from: number;
  to: number;
}

/**
 * Splits bars (ascending start times, epoch ms) into NYSE trading days; days the exchange is closed are left
 * out. `days`: the bars' New York days to split (all of them by default).
 */
export function tradingDays(t: ArrayLike<number>, days: readonly NewYorkDay[] = newYorkDays(t)): TradingDay[] {
  const out: TradingDay[] = [];
  for (const day of days) {
    const calendar = calendarDay(day.date);
    if (!calendar) continue;
    const regularFrom = firstAtOrAfter(t, day.from, day.to, calendar.open);
    const regularTo = firstAtOrAfter(t, regularFrom, day.to, calendar.close);
    const premarketFrom = firstAtOrAfter(t, day.from, regularFrom, calendar.sessionOpen);
    const afterTo = firstAtOrAfter(t, regularTo, day.to, calendar.sessionClose);
    out.push({
      date: day.date,
      calendar,
      premarket: { from: premarketFrom, to: regularFrom },
      regular: { from: regularFrom, to: regularTo },
      afterHours: { from: regularTo, to: afterTo },
    });
  }
  return out;
}

/**
 * Splits bars into New York calendar days for a market that never closes (crypto): every day counts, its
 * regular session runs from midnight to midnight (where daily crypto bars are cut), with no pre-market or
 * after-hours. Setups anchored on the open (the opening range) then start at midnight; the pre-market ones
 * find nothing. `days`: the bars' New York days to split (all of them by default).
 */
export function aroundTheClockDays(t: ArrayLike<number>, days: readonly NewYorkDay[] = newYorkDays(t)): TradingDay[] {
  return days.map((day) => {
    const open = newYorkTime(day.date, '00:00');
    const close = newYorkTime(addDays(day.date, 1), '00:00');
    return {
      date: day.date,
      calendar: { date: day.date, open, close, sessionOpen: open, sessionClose: close },
      premarket: { from: day.from, to: day.from },
      regular: { from: day.from, to: day.to },
      afterHours: { from: day.to, to: day.to },
    };
  });
}

/** First index in [from, to) whose time is ≥ `time`, or `to`. */
export function firstAtOrAfter(t: ArrayLike<number>, from: number, to: number, time: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
