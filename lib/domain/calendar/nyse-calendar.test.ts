import { describe, expect, it } from 'vitest';
import { calendarBetween, calendarDay, closureReason, isTradingDay, marketClockAt, nextTradingDay, previousTradingDay, sessionPhaseAt } from './nyse-calendar.ts';
import { newYorkParts, newYorkTime } from './new-york-time.ts';

describe('NYSE calendar', () => {
  it('closes_on_the_published_2026_holidays', () => {
    const published = ['2026-01-01', '2026-01-19', '2026-02-16', '2026-04-03', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-11-26', '2026-12-25'];
    for (const d of published) expect(isTradingDay(d), d).toBe(false);
    const year = calendarBetween('2026-01-01', '2026-12-31');
    expect(year).toHaveLength(251);
  });

  it('observes_saturday_and_sunday_holidays_as_nyse_does', () => {
    expect(closureReason('2027-12-24')).toBe('Christmas Day'); // Christmas 2027 is a Saturday
    expect(isTradingDay('2021-12-31')).toBe(true); // New Year 2022 on a Saturday: not observed Friday
    expect(closureReason('2023-01-02')).toBe("New Year's Day"); // Sunday -> Monday
    expect(closureReason('2018-12-05')).toMatch(/Mourning/);
  });

  it('closes_early_at_1pm_on_the_eves', () => {
    const fri = calendarDay('2026-11-27')!;
    expect(newYorkParts(fri.close)).toMatchObject({ hour: 13, minute: 0 });
    expect(newYorkParts(calendarDay('2026-12-24')!.close).hour).toBe(13);
    expect(newYorkParts(calendarDay('2026-11-25')!.close).hour).toBe(16);
  });

  it('keeps_new_york_hours_across_daylight_saving_changes', () => {
    expect(new Date(calendarDay('2026-03-06')!.open).toISOString()).toBe('2026-03-06T14:30:00.000Z'); // EST
    expect(new Date(calendarDay('2026-03-09')!.open).toISOString()).toBe('2026-03-09T13:30:00.000Z'); // EDT
    expect(new Date(newYorkTime('2026-11-02', '09:30')).toISOString()).toBe('2026-11-02T14:30:00.000Z');
  });

  it('reports_the_clock_and_phase_like_alpaca', () => {
    const saturday = Date.parse('2026-11-21T15:00:00Z');
    const clock = marketClockAt(saturday);
    expect(clock.isOpen).toBe(false);
    expect(new Date(clock.nextOpen).toISOString()).toBe('2026-11-23T14:30:00.000Z');
    expect(new Date(clock.nextClose).toISOString()).toBe('2026-11-23T21:00:00.000Z');
    const monday = Date.parse('2026-11-23T15:00:00Z');
    expect(marketClockAt(monday)).toMatchObject({ isOpen: true, nextClose: Date.parse('2026-11-23T21:00:00Z'), nextOpen: Date.parse('2026-11-24T14:30:00Z') });
    expect(sessionPhaseAt(Date.parse('2026-11-23T13:00:00Z'))).toBe('pre');
    expect(sessionPhaseAt(monday)).toBe('regular');
    expect(sessionPhaseAt(Date.parse('2026-11-23T22:00:00Z'))).toBe('post');
    expect(sessionPhaseAt(Date.parse('2026-11-24T02:00:00Z'))).toBe('closed');
    expect(nextTradingDay('2026-11-25').date).toBe('2026-11-27');
    expect(previousTradingDay('2026-11-30').date).toBe('2026-11-27');
  });
});

describe('New York time without Intl', () => {
  it('agrees_with_the_time_zone_database_from_1990_to_2040_around_every_change', () => {
    const fmt = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    const check = (t: number, mismatches: string[]) => {
      const p = Object.fromEntries(fmt.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
      const mine = newYorkParts(t);
      const got = `${mine.date} ${String(mine.hour).padStart(2, '0')}:${String(mine.minute).padStart(2, '0')}`;
      if (got !== `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`) mismatches.push(`${new Date(t).toISOString()}: ${got}`);
    };
    const mismatches: string[] = [];
    // A coarse sweep, then every 10 minutes across each March, April, October and November weekend change.
    for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2041, 0, 1); t += 5 * 3_600_000 + 17 * 60_000) check(t, mismatches);
    for (let y = 1990; y <= 2040; y++) {
      for (const m of [2, 3, 9, 10]) {
        for (let d = 1; d <= 31; d++) {
          const day = new Date(Date.UTC(y, m, d));
          if (day.getUTCMonth() !== m || day.getUTCDay() !== 0) continue;
          for (let t = Date.UTC(y, m, d, 4); t < Date.UTC(y, m, d, 9); t += 10 * 60_000) check(t, mismatches);
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});
