import type { EpochMs, IsoDate } from '../time.ts';

/** Wall-clock parts in New York (America/New_York), where the US exchanges keep their hours. */
export interface NewYorkParts {
  date: IsoDate;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday. */
  weekday: number;
  /** Minutes since New York midnight. */
  minuteOfDay: number;
}

const offsetCache = new Map<number, number>();

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The UTC instant of the `n`-th (1-based) Sunday of a month, at `hourUtc`. */
function nthSundayUtc(year: number, month: number, n: number, hourUtc: number): EpochMs {
  const firstDow = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const day = 1 + ((7 - firstDow) % 7) + (n - 1) * 7;
  return Date.UTC(year, month - 1, day, hourUtc);
}

/** The last Sunday of a month at `hourUtc`. */
function lastSundayUtc(year: number, month: number, hourUtc: number): EpochMs {
  const last = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, last.getUTCDate() - last.getUTCDay(), hourUtc);
}

/**
 * New York's UTC offset (minutes) at `t`, from the US daylight-saving rules (Energy Policy Act of 2005 from
 * 2007: second Sunday of March to first Sunday of November; 1987-2006: first Sunday of April to last Sunday
 * of October; both at 2:00 local). Arithmetic rather than Intl: ICU's time-zone data costs tens of
 * milliseconds to load, which every function would pay at a cold start. A test checks it against Intl.
 */
function offsetMinutesAt(t: EpochMs): number {
  const year = new Date(t).getUTCFullYear();
  // 2:00 EST is 7:00 UTC (the switch to daylight time); 2:00 EDT is 6:00 UTC (the switch back).
  const start = year >= 2007 ? nthSundayUtc(year, 3, 2, 7) : nthSundayUtc(year, 4, 1, 7);
  const end = year >= 2007 ? nthSundayUtc(year, 11, 1, 6) : lastSundayUtc(year, 10, 6);
  return t >= start && t < end ? -240 : -300;
}

/** Splits an instant into New York wall-clock parts. */
export function newYorkParts(t: EpochMs): NewYorkParts {
  // Offsets only change at 2 am on DST days; cache per UTC hour.
  const hourKey = Math.floor(t / 3_600_000);
  let offset = offsetCache.get(hourKey);
  if (offset === undefined) {
    offset = offsetMinutesAt(t);
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(hourKey, offset);
  }
  const local = new Date(t + offset * 60_000);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const day = local.getUTCDate();
  const hour = local.getUTCHours();
  const minute = local.getUTCMinutes();
  return {
    date: `${year}-${pad(month)}-${pad(day)}`,
    year,
    month,
    day,
    hour,
    minute,
    weekday: local.getUTCDay(),
    minuteOfDay: hour * 60 + minute,
  };
}

/** The instant at which New York's clock reads `date` `hh:mm`. */
export function newYorkTime(date: IsoDate, hhmm: string): EpochMs {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = hhmm.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes settle the offset across a DST change.
  let t = guess - offsetMinutesAt(guess) * 60_000;
  t = guess - offsetMinutesAt(t) * 60_000;
  return t;
}

// New York's offset is a whole number of hours, so its date only turns on a whole UTC hour: each hour's date is
// kept in a small table indexed by the hour (direct-mapped: a tick, and a walk over sorted instants, ask about
// the same hour again and again, while other readers ask about other days in between).
const DATE_SLOTS = 256;
const slotHour = new Float64Array(DATE_SLOTS).fill(Number.NaN);
const slotDate = new Array<IsoDate>(DATE_SLOTS).fill('');

/** The New York calendar date of an instant. */
export function newYorkDate(t: EpochMs): IsoDate {
  const hour = Math.floor(t / 3_600_000);
  const slot = hour & (DATE_SLOTS - 1);
  if (slotHour[slot] === hour) return slotDate[slot]!;
  const date = newYorkParts(t).date;
  slotHour[slot] = hour;
  slotDate[slot] = date;
  return date;
}

const ZERO = 48;

/** The day of month of a well-formed `YYYY-MM-DD` date, or -1. */
function dayOfMonth(date: string): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return -1;
  const tens = date.charCodeAt(8) - ZERO;
  const units = date.charCodeAt(9) - ZERO;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : -1;
}

/** Adds whole days to an ISO date (calendar arithmetic, no time zone involved). */
export function addDays(date: IsoDate, days: number): IsoDate {
  // Within the month (every month has 28 days) only the day changes: no split, no Date. The daily-bar
  // queries step through dates one at a time, hundreds of thousands of times in a backtest.
  const day = dayOfMonth(date);
  const next = day + days;
  if (day >= 1 && next >= 1 && next <= 28 && Number.isInteger(days)) return `${date.slice(0, 8)}${pad(next)}`;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Day of week of an ISO date, 0 = Sunday. */
export function weekdayOf(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}
