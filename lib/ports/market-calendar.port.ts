import type { IsoDate } from '../domain/time.ts';
import type { CalendarDay } from '../domain/market.ts';

/** The exchange's sessions as the broker publishes them (early closes and unscheduled closures included). */
export interface MarketCalendar {
  /** The session of `date` (New York), or null when the market does not open that day. */
  day(date: IsoDate): Promise<CalendarDay | null>;
}
