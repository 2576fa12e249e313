import { describe, expect, it } from 'vitest';
import { calendarDay } from '../../../domain/calendar/nyse-calendar.ts';
import { createSyntheticMarket } from './synthetic-market.ts';

describe('synthetic market: quotes around the trades', () => {
  it('trades_print_around_the_mid_not_on_the_bid', () => {
    const market = createSyntheticMarket({ seed: 7, start: '2026-02-02', symbols: 60, crypto: false });
    const day = calendarDay('2026-02-18')!;
    const positions: number[] = [];
    for (const symbol of market.assets().map((a) => a.symbol)) {
      for (let t = day.open + 5 * 60_000; t < day.close; t += 10 * 60_000) {
        const q = market.quoteAt(symbol, t)!;
        const last = market.latestBar(symbol, t, 60_000)!;
        // The quote in force comes from the bar that just ended: its close lies inside the quote.
        expect(last.c).toBeGreaterThanOrEqual(q.bidPrice);
        expect(last.c).toBeLessThanOrEqual(q.askPrice);
        positions.push((last.c - q.bidPrice) / (q.askPrice - q.bidPrice));
      }
    }
    const mean = positions.reduce((s, x) => s + x, 0) / positions.length;
    // 0 = on the bid, 1 = on the ask: on average the mid, not the bid (it was 0.26 when trades sat on the bid).
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(positions.filter((p) => p === 0).length / positions.length).toBeLessThan(0.4);
  });
});
