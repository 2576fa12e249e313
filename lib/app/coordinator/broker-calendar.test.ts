import { describe, expect, it } from 'vitest';
import { BrokerCalendar } from './broker-calendar.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { calendarBetween, calendarDay } from '../../domain/calendar/nyse-calendar.ts';
import type { CalendarDay } from '../../domain/market.ts';
import type { IsoDate } from '../../domain/time.ts';
import { AppError } from '../../shared/errors.ts';

/** A broker whose calendar is the built-in one except where `overrides` say otherwise (an unlisted early close). */
function brokerWith(overrides: Record<IsoDate, CalendarDay | null> = {}) {
  const calls: [IsoDate, IsoDate][] = [];
  let down = false;
  return {
    calls,
    setDown: (d: boolean) => (down = d),
    getCalendar: async (start: IsoDate, end: IsoDate) => {
      calls.push([start, end]);
      if (down) throw new AppError('DEPENDENCY_UNAVAILABLE', 'broker down');
      return calendarBetween(start, end)
        .map((d) => (d.date in overrides ? overrides[d.date] : d))
        .filter((d): d is CalendarDay => d !== null);
    },
  };
}

const EARLY: CalendarDay = { date: '2026-11-23', open: newYorkTime('2026-11-23', '09:30'), close: newYorkTime('2026-11-23', '13:00'), sessionOpen: newYorkTime('2026-11-23', '04:00'), sessionClose: newYorkTime('2026-11-23', '17:00') };
const quiet = { warn: () => undefined };

describe('BrokerCalendar', () => {
  it('honours_an_early_close_the_built_in_table_does_not_list', async () => {
    expect(calendarDay('2026-11-23')!.close).toBe(newYorkTime('2026-11-23', '16:00'));
    const calendar = new BrokerCalendar(brokerWith({ '2026-11-23': EARLY }), { now: () => 0 }, quiet);
    expect(await calendar.day('2026-11-23')).toEqual(EARLY);
  });

  it('reads_the_broker_once_per_window_and_refreshes_after_the_refresh_time', async () => {
    let now = 0;
    const broker = brokerWith();
    const calendar = new BrokerCalendar(broker, { now: () => now }, quiet, 3_600_000);
    for (const d of ['2026-11-23', '2026-11-24', '2026-11-25', '2026-12-10'] as const) await calendar.day(d);
    expect(broker.calls).toEqual([['2026-11-16', '2026-12-23']]);
    expect(await calendar.day('2026-11-28')).toBeNull(); // a Saturday inside the window
    now += 3_600_000;
    await calendar.day('2026-11-24');
    expect(broker.calls).toHaveLength(2);
  });

  it('falls_back_to_the_built_in_table_when_the_broker_cannot_answer_and_says_so', async () => {
    const warned: string[] = [];
    const broker = brokerWith();
    broker.setDown(true);
    const calendar = new BrokerCalendar(broker, { now: () => 0 }, { warn: (m: string) => void warned.push(m) });
    expect(await calendar.day('2026-11-27')).toEqual(calendarDay('2026-11-27'));
    expect(warned).toEqual(["could not read the broker's calendar: using the built-in NYSE table"]);
  });
});
