import type { IsoDate } from '../time.ts';
import { addDays, weekdayOf } from './new-york-time.ts';

/**
 * NYSE full-day closures and 1 pm early closes, by rule (NYSE Rule 7.2 and its holiday notices), plus the
 * one-off closures the rules cannot know.
 */
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
const iso = (y: number, m: number, d: number): IsoDate => `${y}-${pad(m)}-${pad(d)}`;

function nthWeekday(y: number, m: number, weekday: number, n: number): IsoDate {
  const first = weekdayOf(iso(y, m, 1));
  return iso(y, m, 1 + ((weekday - first + 7) % 7) + (n - 1) * 7);
}

function lastWeekday(y: number, m: number, weekday: number): IsoDate {
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const last = weekdayOf(iso(y, m, days));
  return iso(y, m, days - ((last - weekday + 7) % 7));
}

/** Gregorian Easter Sunday (anonymous algorithm). */
function easter(y: number): IsoDate {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(y, month, day);
}

/** Saturday holidays move to Friday, Sunday ones to Monday. */
function observed(date: IsoDate): IsoDate {
  const w = weekdayOf(date);
  return w === 6 ? addDays(date, -1) : w === 0 ? addDays(date, 1) : date;
}

/** Closures that no rule predicts (national days of mourning, emergencies). */
const SPECIAL_CLOSURES: Record<IsoDate, string> = {
  '2012-10-29': 'Hurricane Sandy',
  '2012-10-30': 'Hurricane Sandy',
  '2018-12-05': 'National Day of Mourning (George H. W. Bush)',
  '2025-01-09': 'National Day of Mourning (Jimmy Carter)',
};

const cache = new Map<number, { closed: Map<IsoDate, string>; early: Map<IsoDate, string> }>();

/** Full closures and early closes of one year. */
export function holidaysOf(year: number): { closed: Map<IsoDate, string>; early: Map<IsoDate, string> } {
  const hit = cache.get(year);
  if (hit) return hit;
  const closed = new Map<IsoDate, string>();
  // New Year's Day on a Saturday is not observed on the Friday before (NYSE rule).
  const ny = iso(year, 1, 1);
  if (weekdayOf(ny) !== 6) closed.set(observed(ny), "New Year's Day");
  closed.set(nthWeekday(year, 1, 1, 3), 'Martin Luther King Jr. Day');
  closed.set(nthWeekday(year, 2, 1, 3), "Washington's Birthday");
  closed.set(addDays(easter(year), -2), 'Good Friday');
  closed.set(lastWeekday(year, 5, 1), 'Memorial Day');
  if (year >= 2022) closed.set(observed(iso(year, 6, 19)), 'Juneteenth');
  closed.set(observed(iso(year, 7, 4)), 'Independence Day');
  closed.set(nthWeekday(year, 9, 1, 1), 'Labor Day');
  const thanksgiving = nthWeekday(year, 11, 4, 4);
  closed.set(thanksgiving, 'Thanksgiving Day');
  closed.set(observed(iso(year, 12, 25)), 'Christmas Day');
  for (const [d, why] of Object.entries(SPECIAL_CLOSURES)) if (d.startsWith(String(year))) closed.set(d, why);

  const early = new Map<IsoDate, string>();
  const addEarly = (d: IsoDate, why: string) => {
    const w = weekdayOf(d);
    if (w !== 0 && w !== 6 && !closed.has(d)) early.set(d, why);
  };
  addEarly(iso(year, 7, 3), 'Day before Independence Day');
  addEarly(addDays(thanksgiving, 1), 'Day after Thanksgiving');
  addEarly(iso(year, 12, 24), 'Christmas Eve');
  const result = { closed, early };
  cache.set(year, result);
  return result;
}
