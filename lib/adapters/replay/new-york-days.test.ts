import { describe, expect, it } from 'vitest';
import { addDays, newYorkDate, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { NewYorkDays } from './new-york-days.ts';

describe('NewYorkDays', () => {
  it('remembered_dates_and_midnights_equal_the_calendar_functions_across_a_dst_change', () => {
    const days = new NewYorkDays();
    // 2026-11-01 falls back an hour; asking twice answers from memory.
    for (let pass = 0; pass < 2; pass++) {
      for (let date = '2026-10-29'; date <= '2026-11-03'; date = addDays(date, 1)) {
        expect(days.midnight(date)).toBe(newYorkTime(date, '00:00'));
        expect(days.nextMidnight(date)).toBe(newYorkTime(addDays(date, 1), '00:00'));
        for (const t of [newYorkTime(date, '00:00'), newYorkTime(date, '23:59') + 59_999, newYorkTime(date, '00:00') - 1]) expect(days.dateOf(t)).toBe(newYorkDate(t));
      }
    }
  });
});
