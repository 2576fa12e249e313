import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../domain/market.ts';
import { calendarBetween, calendarDay } from '../../../domain/calendar/nyse-calendar.ts';
import { newYorkParts, newYorkTime } from '../../../domain/calendar/new-york-time.ts';
import { createSyntheticMarket } from './synthetic-market.ts';

const market = createSyntheticMarket({ seed: 21, start: '2026-10-26', symbols: 30, crypto: 2 });
const stocks = market.assets().filter((a) => a.assetClass === 'us_equity').map((a) => a.symbol);
const sessions = calendarBetween('2026-11-02', '2026-11-13');
const whole = (date: string) => [newYorkTime(date, '00:00'), newYorkTime(date, '23:59') + 60_000] as const;

describe('synthetic market: structure', () => {
  it('volume_is_u_shaped_through_the_regular_session', () => {
    const shares = new Array<number>(13).fill(0);
    for (const d of sessions.slice(0, 5)) {
      for (const bars of market.barsOf(stocks, d.open, d.close).values()) {
        const total = bars.reduce((s, b) => s + b.v, 0);
        for (const b of bars) shares[Math.floor((b.t - d.open) / 1_800_000)]! += b.v / total;
      }
    }
    const [first, last] = [shares[0]!, shares[12]!];
    const midday = Math.max(...shares.slice(4, 9));
    expect(first).toBeGreaterThan(1.6 * midday);
    expect(last).toBeGreaterThan(1.3 * midday);
  });

  it('opens_with_overnight_gaps', () => {
    const gaps: number[] = [];
    for (let i = 1; i < sessions.length; i++) {
      const [prev, d] = [sessions[i - 1]!, sessions[i]!];
      const yesterday = market.barsOf(stocks, prev.open, prev.close);
      const today = market.barsOf(stocks, d.open, d.open + 60_000);
      for (const s of stocks) gaps.push(today.get(s)![0]!.o / yesterday.get(s)!.at(-1)!.c - 1);
    }
    const absolute = gaps.map(Math.abs).sort((a, b) => a - b);
    expect(absolute[Math.floor(absolute.length / 2)]).toBeGreaterThan(0.001);
    expect(absolute.filter((g) => g > 0.02).length).toBeGreaterThan(0);
  });

  it('has_no_stock_bars_on_weekends_or_holidays', () => {
    for (const date of ['2026-11-07', '2026-11-08', '2026-11-26']) {
      const [from, to] = whole(date);
      const bars = market.barsOf(stocks, from, to);
      expect([...bars.values()].every((b) => b.length === 0), date).toBe(true);
      const feed = [...market.barsBetween(from, to)].map((x) => x.symbol);
      expect(feed.length).toBeGreaterThan(0);
      expect(feed.every((s) => s.includes('/')), date).toBe(true);
    }
  });

  it('closes_at_1pm_et_on_early_close_days', () => {
    const friday = calendarDay('2026-11-27')!;
    const bars = market.barsOf(stocks, ...whole('2026-11-27'));
    for (const list of bars.values()) {
      const regular = list.filter((b) => b.t >= friday.open && b.t < friday.close);
      expect(regular).toHaveLength(210);
      expect(newYorkParts(regular.at(-1)!.t)).toMatchObject({ hour: 12, minute: 59 });
      expect(newYorkParts(list.at(-1)!.t).hour).toBeLessThan(17);
    }
  });

  it('trades_crypto_around_the_clock_including_weekends', () => {
    const bars = market.barsOf(['BTC/USD', 'ETH/USD'], ...whole('2026-11-08'));
    for (const list of bars.values()) {
      expect(list).toHaveLength(24 * 60);
      expect(list.every((b, i) => i === 0 || b.t - list[i - 1]!.t === 60_000)).toBe(true);
    }
    expect(market.quoteAt('BTC/USD', Date.parse('2026-11-08T12:00:30Z'))!.t).toBe(Date.parse('2026-11-08T12:00:00Z'));
  });

  it('keeps_extended_hours_thin_and_bars_well_formed', () => {
    const d = sessions[3]!;
    for (const [symbol, list] of market.barsOf(stocks, d.sessionOpen, d.sessionClose)) {
      const regular = list.filter((b) => b.t >= d.open && b.t < d.close);
      const extended = list.filter((b) => b.t < d.open || b.t >= d.close);
      expect(regular, symbol).toHaveLength(390);
      expect(extended.length, symbol).toBeLessThanOrEqual(570);
      const perMinute = (bars: Bar[], minutes: number) => bars.reduce((s, b) => s + b.v, 0) / minutes;
      expect(perMinute(extended, 570), symbol).toBeLessThan(perMinute(regular, 390) / 5);
      const malformed = list.filter(
        (b) => b.t % 60_000 !== 0 || b.h < Math.max(b.o, b.c) || b.l > Math.min(b.o, b.c) || b.l <= 0 || b.v <= 0 || (b.c >= 1 && Math.round(b.c * 100) / 100 !== b.c),
      );
      expect(malformed, symbol).toEqual([]);
    }
  });

  it('clusters_volatility_in_time', () => {
    // Squared one-minute returns in the middle of the day (away from the U-shaped open and close)
    // are positively autocorrelated when volatility clusters.
    let num = 0;
    let den = 0;
    for (const d of sessions.slice(0, 4)) {
      for (const list of market.barsOf(stocks, d.open + 90 * 60_000, d.close - 90 * 60_000).values()) {
        const sq = list.slice(1).map((b, i) => Math.log(b.c / list[i]!.c) ** 2);
        const mean = sq.reduce((s, x) => s + x, 0) / sq.length;
        for (let i = 1; i < sq.length; i++) num += (sq[i]! - mean) * (sq[i - 1]! - mean);
        for (const x of sq) den += (x - mean) ** 2;
      }
    }
    expect(num / den).toBeGreaterThan(0.02);
  });
});
