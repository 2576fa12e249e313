import { describe, expect, it } from 'vitest';
import { calendarDay } from '../../../domain/calendar/nyse-calendar.ts';
import type { SimFeed } from '../sim-feed.ts';
import { FeedHistory } from './feed-history.ts';
import { createSyntheticMarket } from './synthetic-market.ts';

describe('FeedHistory over a feed whose barsOf is fresh', () => {
  const market = createSyntheticMarket({ seed: 7, start: '2026-10-01', symbols: 8 });
  const symbols = market.assets().map((a) => a.symbol);
  // The same feed without the declaration: every bucket copied through aggregate, as before.
  const plain: SimFeed = { assets: market.assets, barsBetween: market.barsBetween, barsOf: market.barsOf, quoteAt: market.quoteAt, newsBetween: market.newsBetween };
  const day = calendarDay('2026-10-14')!;
  const now = day.open + 95 * 60_000;

  it('hands_out_the_same_minute_and_five_minute_bars_as_aggregating_a_copy_of_each', () => {
    for (const ms of [60_000, 300_000]) {
      const fast = new FeedHistory(market).bars(symbols, { kind: 'fixed', ms }, day.sessionOpen, now, now);
      const slow = new FeedHistory(plain).bars(symbols, { kind: 'fixed', ms }, day.sessionOpen, now, now);
      expect([...fast]).toEqual([...slow]);
      expect([...fast.values()].reduce((n, b) => n + b.length, 0)).toBeGreaterThan(8 * 100 * (60_000 / ms));
    }
  });

  it('gives_each_call_bars_of_its_own_so_changing_one_changes_no_later_answer', () => {
    const history = new FeedHistory(market);
    const first = history.bars(symbols, { kind: 'fixed', ms: 60_000 }, day.sessionOpen, now, now);
    const bar = first.get(symbols[0]!)![0]!;
    const close = bar.c;
    bar.c = -1;
    expect(history.bars(symbols, { kind: 'fixed', ms: 60_000 }, day.sessionOpen, now, now).get(symbols[0]!)![0]!.c).toBe(close);
  });
});
