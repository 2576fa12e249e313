import { describe, expect, it } from 'vitest';
import { calendarBetween } from '../../../domain/calendar/nyse-calendar.ts';
import { MarketEngine } from './market-engine.ts';
import type { SymbolDay } from './symbol-day.ts';

const OPTIONS = { seed: 42, start: '2026-10-01', symbols: 16, crypto: 1, newsRate: 20, cacheBars: 1 };

const rows = (day: SymbolDay, from: number, to: number) => ({
  start: [...day.start.subarray(from, to)],
  px: [...day.px.subarray(5 * from, 5 * to)],
  volume: [...day.volume.subarray(from, to)],
  trades: [...day.trades.subarray(from, to)],
});

describe('symbol day: the regular session alone', () => {
  it('regular_only_days_have_exactly_the_regular_rows_of_the_whole_day_news_days_and_an_early_close_included', () => {
    // Two engines, so neither answers from the other's cache; 2026-11-27 closes at 13:00.
    const whole = new MarketEngine(OPTIONS);
    const regular = new MarketEngine(OPTIONS);
    let compared = 0;
    let withNews = 0;
    for (const { date } of calendarBetween('2026-11-20', '2026-11-30')) {
      for (let i = 0; i < whole.universe.length; i++) {
        const r = regular.regularDay(i, date)!;
        const w = whole.symbolDay(i, date)!;
        expect(r.regularFrom).toBe(0);
        expect(r.regularTo).toBe(r.count);
        expect(r.count).toBe(w.regularTo - w.regularFrom);
        expect(JSON.stringify(rows(r, 0, r.count))).toBe(JSON.stringify(rows(w, w.regularFrom, w.regularTo)));
        compared += r.count;
        if (whole.state(i).news.between(w.start[0]! - 86_400_000, w.start[w.count - 1]!).length) withNews++;
      }
    }
    expect(compared).toBeGreaterThan(16 * 6 * 390);
    expect(withNews).toBeGreaterThan(10);
  });
});
