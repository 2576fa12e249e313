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

describe('symbol day: empty extended-hours minutes', () => {
  it('a_uniform_at_or_above_rate_plus_1e-15_is_never_below_one_minus_exp_of_minus_rate_so_skipping_the_exp_keeps_every_bar', () => {
    // The generator skips exp for such minutes: this is the bound it relies on, over rates from 1e-18 to 1.
    let checked = 0;
    for (let e = -18; e <= 0; e += 0.001) {
      const rate = 10 ** e;
      const u = rate + 1e-15;
      expect(u >= 1 - Math.exp(-rate)).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(17_000);
  });
});
