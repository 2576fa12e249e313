import { describe, expect, it } from 'vitest';
import type { Bar } from '../../domain/market.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { detectSetups } from './detect-setups.ts';
import { setupInput } from './setup-hit.ts';
import { aroundTheClockDays } from './trading-days.ts';

const MINUTE = 60_000;

/** Saturday 02:00-03:00 New York: a pair sets a high at 02:10, drifts under it, and closes above it at 02:40. */
function saturdayBars(): Bar[] {
  const start = newYorkTime('2026-11-21', '02:00');
  return Array.from({ length: 60 }, (_, i) => {
    const c = i === 10 ? 101 : i >= 40 ? 101.5 + (i - 40) * 0.01 : 100;
    return { t: start + i * MINUTE, o: 100, h: Math.max(100.2, c + 0.1), l: 99.8, c, v: 1_000 };
  });
}

describe('setups for a market that never closes', () => {
  it('finds_no_setup_on_a_saturday_in_nyse_sessions', () => {
    expect(detectSetups(setupInput(saturdayBars()))).toEqual([]);
  });

  it('finds_the_break_of_the_day_high_on_a_saturday_in_new_york_days', () => {
    const hits = detectSetups(setupInput(saturdayBars(), undefined, true));
    const breaks = hits.filter((h) => h.setup === 'day-high-break');
    expect(breaks[0]).toMatchObject({ direction: 'long', t: newYorkTime('2026-11-21', '02:40'), levels: { dayHigh: 101.1 } });
    // No pre-market in a crypto day: the pre-market setups find nothing.
    expect(hits.filter((h) => h.setup === 'premarket-high-break' || h.setup === 'gap-and-go')).toEqual([]);
  });

  it('cuts_days_at_new_york_midnight_with_the_whole_day_as_the_session', () => {
    const t = [newYorkTime('2026-11-21', '23:58'), newYorkTime('2026-11-21', '23:59'), newYorkTime('2026-11-22', '00:00')];
    const days = aroundTheClockDays(t);
    expect(days.map((d) => [d.date, d.regular.from, d.regular.to, d.premarket.from === d.premarket.to])).toEqual([
      ['2026-11-21', 0, 2, true],
      ['2026-11-22', 2, 3, true],
    ]);
    expect(days[1]!.calendar.open).toBe(newYorkTime('2026-11-22', '00:00'));
    expect(days[1]!.calendar.close).toBe(newYorkTime('2026-11-23', '00:00'));
  });
});
