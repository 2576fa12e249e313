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

const FMT = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

const offsetCache = new Map<string, number>();

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** New York's UTC offset (minutes, negative) in effect at `t`. */
function offsetMinutesAt(t: EpochMs): number {
  const p = FMT.formatToParts(new Date(t));
  const get = (type: string) => Number(p.find((x) => x.type === type)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(t / 60_000) * 60_000) / 60_000);
}

/** Splits an instant into New York wall-clock parts. */
export function newYorkParts(t: EpochMs): NewYorkParts {
  // Offsets only change at 2 am on DST days; cache per UTC hour.
  const hourKey = String(Math.floor(t / 3_600_000));
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

/** The New York calendar date of an instant. */
export function newYorkDate(t: EpochMs): IsoDate {
  return newYorkParts(t).date;
}

/** Adds whole days to an ISO date (calendar arithmetic, no time zone involved). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Day of week of an ISO date, 0 = Sunday. */
export function weekdayOf(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}
