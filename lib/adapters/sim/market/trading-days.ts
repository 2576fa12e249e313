import type { EpochMs, IsoDate } from '../../../domain/time.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../domain/time.ts';
import { calendarDay } from '../../../domain/calendar/nyse-calendar.ts';
import { addDays, newYorkTime } from '../../../domain/calendar/new-york-time.ts';

function utcDay(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/**
 * The calendar of the simulated history from its first day: trading days (by index) and calendar days
 * (by offset from the start), extended on demand into the future.
 */
export class SimCalendar {
  private readonly trading: IsoDate[] = [];
  private readonly tradingIndex = new Map<IsoDate, number>();
  private scannedThrough: IsoDate;
  private readonly startDay: number;
  private readonly dates: IsoDate[] = [];
  private readonly offsets = new Map<IsoDate, number>();
  private readonly localDays = new Map<IsoDate, { utcMidnight: EpochMs; early: number; late: number }>();
  private readonly closes: EpochMs[] = [];
  private readonly midnights: EpochMs[] = [];

  constructor(readonly start: IsoDate) {
    this.startDay = utcDay(start);
    this.scannedThrough = addDays(start, -1);
  }

  /** Calendar days from the start to `date` (negative before it). */
  dayOffset(date: IsoDate): number {
    let offset = this.offsets.get(date);
    if (offset === undefined) {
      offset = utcDay(date) - this.startDay;
      if (this.offsets.size > 100_000) this.offsets.clear();
      this.offsets.set(date, offset);
    }
    return offset;
  }

  /**
   * The instant New York's clock reads `minute` minutes after midnight on `date`. The UTC offset is taken
   * at midnight before 2:00 and at noon from then on (DST changes at 2:00), computed once per date.
   */
  instantAt(date: IsoDate, minute: number): EpochMs {
    let day = this.localDays.get(date);
    if (!day) {
      const utcMidnight = utcDay(date) * DAY_MS;
      day = { utcMidnight, early: newYorkTime(date, '00:00') - utcMidnight, late: newYorkTime(date, '12:00') - utcMidnight - 12 * HOUR_MS };
      if (this.localDays.size > 100_000) this.localDays.clear();
      this.localDays.set(date, day);
    }
    return day.utcMidnight + minute * MINUTE_MS + (minute < 120 ? day.early : day.late);
  }

  /** The calendar date `offset` days after the start (memoised: every symbol's daily path asks). */
  dateAt(offset: number): IsoDate {
    if (offset < 0) return addDays(this.start, offset);
    while (this.dates.length <= offset) this.dates.push(addDays(this.start, this.dates.length));
    return this.dates[offset]!;
  }

  /** The regular close of the k-th trading day (memoised). */
  tradingClose(k: number): EpochMs {
    while (this.closes.length <= k) this.closes.push(calendarDay(this.tradingDate(this.closes.length))!.close);
    return this.closes[k]!;
  }

  /** The New York midnight ending the calendar day `offset` days after the start (memoised). */
  midnightAfter(offset: number): EpochMs {
    while (this.midnights.length <= offset) this.midnights.push(newYorkTime(this.dateAt(this.midnights.length + 1), '00:00'));
    return this.midnights[offset]!;
  }

  private scanThrough(date: IsoDate): void {
    while (this.scannedThrough < date) {
      this.scannedThrough = addDays(this.scannedThrough, 1);
      if (calendarDay(this.scannedThrough)) {
        this.tradingIndex.set(this.scannedThrough, this.trading.length);
        this.trading.push(this.scannedThrough);
      }
    }
  }

  /** Index of `date` among the trading days since the start, or -1 when it is not one. */
  tradingIndexOf(date: IsoDate): number {
    if (date < this.start) return -1;
    this.scanThrough(date);
    return this.tradingIndex.get(date) ?? -1;
  }

  /** Index of the last trading day on or before `date`, or -1 when there is none since the start. */
  lastTradingIndexThrough(date: IsoDate): number {
    if (date < this.start) return -1;
    this.scanThrough(date);
    let lo = 0;
    let hi = this.trading.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.trading[mid]! <= date) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** The trading day with index `k` (k >= 0). */
  tradingDate(k: number): IsoDate {
    while (this.trading.length <= k) this.scanThrough(addDays(this.scannedThrough, 10));
    return this.trading[k]!;
  }
}
