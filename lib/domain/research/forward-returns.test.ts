import { describe, expect, it } from 'vitest';
import type { Bar } from '../market.ts';
import { forwardReturns } from './forward-returns.ts';

const T0 = Date.UTC(2026, 10, 16, 15, 0); // 10:00 New York
const MIN = 60_000;
/** Minute bars from T0 whose closes are `closes` (open = previous close, highs and lows 1 above and below). */
const barsOf = (closes: number[], start = T0): Bar[] => closes.map((c, i) => ({ t: start + i * MIN, o: i === 0 ? 100 : closes[i - 1]!, h: Math.max(c, i === 0 ? 100 : closes[i - 1]!) + 1, l: Math.min(c, i === 0 ? 100 : closes[i - 1]!) - 1, c, v: 1000 }));
const closeAt = T0 + 30 * MIN;

describe('forwardReturns', () => {
  it('enters_at_the_first_bar_after_the_news_and_pays_the_spread_both_ways', () => {
    const bars = barsOf([100, 101, 102, 103, 104, 105, 106]);
    const r = forwardReturns({ bars, after: T0 - 20_000, direction: 1, spreadBps: 20, closeAfter: () => closeAt, horizons: [1, 5] })!;
    expect(r.entryT).toBe(T0);
    expect(r.entryPrice).toBeCloseTo(100 * 1.001, 10);
    expect(r.returns['1m']).toBeCloseTo((100 * 0.999) / (100 * 1.001) - 1, 10);
    expect(r.returns['5m']).toBeCloseTo((104 * 0.999) / (100 * 1.001) - 1, 10);
  });

  it('never_enters_on_a_bar_that_started_before_the_news_was_known', () => {
    const bars = barsOf([100, 101, 102, 103]);
    const r = forwardReturns({ bars, after: T0 + 1, direction: 1, spreadBps: 0, closeAfter: () => closeAt, horizons: [1] })!;
    expect(r.entryT).toBe(T0 + MIN);
    expect(r.entryPrice).toBe(100);
  });

  it('measures_a_short_in_its_own_direction', () => {
    const bars = barsOf([100, 99, 98, 97, 96, 95]);
    const r = forwardReturns({ bars, after: T0, direction: -1, spreadBps: 0, closeAfter: () => closeAt, horizons: [5] })!;
    expect(r.returns['5m']).toBeCloseTo(-(96 / 100 - 1), 10);
    expect(r.mfe).toBeCloseTo(-(95 / 100 - 1), 10); // bar 4's low: 96 - 1
    expect(r.mae).toBeCloseTo(-(101 / 100 - 1), 10);
  });

  it('leaves_a_horizon_empty_when_the_bars_stop_before_it', () => {
    const bars = barsOf([100, 101, 102]);
    const r = forwardReturns({ bars, after: T0, direction: 1, spreadBps: 0, closeAfter: () => closeAt, horizons: [1, 5, 'close'] })!;
    expect(r.returns['1m']).not.toBeNull();
    expect(r.returns['5m']).toBeNull();
    expect(r.returns.close).toBeNull();
    expect(forwardReturns({ bars, after: T0 + 10 * MIN, direction: 1, spreadBps: 0, closeAfter: () => closeAt, horizons: [1] })).toBeNull();
  });

  it('exits_to_the_close_at_the_last_bar_before_it_and_takes_excursions_up_to_there', () => {
    const closes = Array.from({ length: 40 }, (_, i) => 100 + (i === 10 ? -5 : i === 20 ? 8 : 0));
    const r = forwardReturns({ bars: barsOf(closes), after: T0, direction: 1, spreadBps: 0, closeAfter: () => closeAt, horizons: ['close'] })!;
    expect(r.returns.close).toBeCloseTo(closes[29]! / 100 - 1, 10);
    expect(r.mae).toBeCloseTo((95 - 1) / 100 - 1, 10);
    expect(r.mfe).toBeCloseTo((108 + 1) / 100 - 1, 10);
  });

  it('subtracts_nothing_itself_but_reports_the_index_move_over_the_same_span', () => {
    const bars = barsOf([100, 102, 104, 106, 108, 110]);
    const index = barsOf([100, 100.5, 101, 101.5, 102, 102.5]);
    const r = forwardReturns({ bars, after: T0, direction: -1, spreadBps: 0, closeAfter: () => closeAt, horizons: [5], index })!;
    expect(r.market['5m']).toBeCloseTo(-(102 / 100 - 1), 10);
  });
});
