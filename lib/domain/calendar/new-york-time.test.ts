import { describe, expect, it } from 'vitest';
import { addDays, newYorkDate, newYorkParts } from './new-york-time.ts';

/** The calendar arithmetic addDays stands for, through Date (the reference). */
function byDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

describe('addDays', () => {
  it('agrees_with_date_arithmetic_for_every_day_of_four_years_and_steps_across_months_years_and_leap_days', () => {
    const steps = [-400, -45, -31, -29, -28, -27, -14, -1, 0, 1, 2, 7, 27, 28, 29, 30, 31, 45, 366];
    const wrong: string[] = [];
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      for (const n of steps) if (addDays(date, n) !== byDate(date, n)) wrong.push(`${date} + ${n} = ${addDays(date, n)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('crosses_month_ends_leap_days_and_year_ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-10-05', 23)).toBe('2026-10-28');
    expect(addDays('2026-10-05', 26)).toBe('2026-10-31');
  });
});

describe('newYorkDate', () => {
  it('gives_the_date_of_the_full_parts_for_every_minute_around_midnights_and_daylight_saving_changes', () => {
    // Minutes in order (the memo's usual case), across 2026's changes and a year end, then the same instants shuffled.
    const instants: number[] = [];
    for (const day of [Date.UTC(2026, 2, 7), Date.UTC(2026, 2, 8), Date.UTC(2026, 10, 1), Date.UTC(2026, 11, 31)]) {
      for (let t = day; t < day + 2 * 86_400_000; t += 60_000) instants.push(t);
    }
    const shuffled = instants.map((t, i) => instants[(i * 7_919) % instants.length]!);
    // Hours that share a slot of the memo's table, asked in turn; instants before 1970 and at Date's ends.
    const colliding = [0, 1, 2, 3].flatMap((i) => [Date.UTC(2026, 5, 1, 12) + i * 60_000, Date.UTC(2026, 5, 1, 12) + 256 * 3_600_000 + i * 60_000]);
    const edges = [-1, -3_600_001, 8.64e15, -8.64e15, 8.64e15 - 1];
    const wrong = [...instants, ...shuffled, ...colliding, ...edges, Number.NaN].filter((t) => newYorkDate(t) !== newYorkParts(t).date);
    expect(wrong).toEqual([]);
  });
});
