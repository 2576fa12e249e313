import type { Broker } from '../../ports/broker.port.ts';
import type { Clock } from '../../ports/clock.port.ts';
import type { MarketCalendar } from '../../ports/market-calendar.port.ts';
import type { CalendarDay } from '../../domain/market.ts';
import type { IsoDate } from '../../domain/time.ts';
import type { Logger } from '../../platform/logger.ts';
import { addDays } from '../../domain/calendar/new-york-time.ts';
import { calendarDay } from '../../domain/calendar/nyse-calendar.ts';

/** Days read per broker call around the date asked for. */
const WINDOW_BEFORE_DAYS = 7;
const WINDOW_AFTER_DAYS = 30;

/**
 * The broker's calendar (Alpaca's /v2/calendar), read one window at a time and kept for `refreshMs`, so a
 * tick costs no call on most minutes; an early close or closure the built-in table does not list is then
 * honoured (the close-out runs before the market shuts). When the broker cannot answer, the built-in table
 * is the fallback, said once per failure in the log.
 */
export class BrokerCalendar implements MarketCalendar {
  private days = new Map<IsoDate, CalendarDay>();
  private from: IsoDate | null = null;
  private to: IsoDate | null = null;
  private fetchedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly broker: Pick<Broker, 'getCalendar'>,
    private readonly clock: Clock,
    private readonly log: Pick<Logger, 'warn'>,
    private readonly refreshMs = 6 * 3_600_000,
  ) {}

  async day(date: IsoDate): Promise<CalendarDay | null> {
    const fresh = this.clock.now() - this.fetchedAt < this.refreshMs;
    if (!(fresh && this.from !== null && this.to !== null && date >= this.from && date <= this.to)) {
      const from = addDays(date, -WINDOW_BEFORE_DAYS);
      const to = addDays(date, WINDOW_AFTER_DAYS);
      try {
        const days = await this.broker.getCalendar(from, to);
        // Five weeks without a session is not a calendar, it is a broken answer.
        if (days.length === 0) throw new Error('the broker listed no session in five weeks');
        this.days = new Map(days.map((d) => [d.date, d]));
        this.from = from;
        this.to = to;
        this.fetchedAt = this.clock.now();
      } catch (e) {
        this.log.warn("could not read the broker's calendar: using the built-in NYSE table", { date, error: e });
        return calendarDay(date);
      }
    }
    // A date inside the window that the broker does not list is a day without a session.
    return this.days.get(date) ?? null;
  }
}
