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
