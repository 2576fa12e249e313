import { describe, expect, it } from 'vitest';
import type { Bar } from '../../domain/market.ts';
import { addDays, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { abdiRanaldoSpread, liquidityFloorBps, spreadAt, spreadSchedule } from './spread-model.ts';
import { createReplayFeed } from './replay-feed.ts';

const daily = (date: string, h: number, l: number, c: number, v: number): Bar => ({ t: newYorkTime(date, '00:00'), o: c, h, l, c, v });

describe('replay spread model (Abdi-Ranaldo with a liquidity floor)', () => {
  it('abdi_ranaldo_matches_the_hand_computed_estimate', () => {
    // c_t closing at the top or bottom of alternating ranges: a bid-ask bounce the estimator reads as spread.
    // By hand: mean of 4 (c_t - eta_t)(c_t - eta_t+1) over the 3 pairs = 0.0021086036; its root = 0.0459195342.
    const days = [
      { h: 102, l: 98, c: 101.5 },
      { h: 101, l: 97, c: 97.5 },
      { h: 103, l: 99, c: 102.5 },
      { h: 100, l: 96, c: 96.5 },
    ];
    expect(abdiRanaldoSpread(days)).toBeCloseTo(0.0459195342, 9);
    // A negative average (no bounce) reads as no spread; one day says nothing.
    expect(abdiRanaldoSpread([{ h: 102, l: 98, c: 101 }, { h: 103, l: 99, c: 100 }, { h: 101, l: 97, c: 98 }])).toBe(0);
    expect(abdiRanaldoSpread([{ h: 102, l: 98, c: 101 }])).toBeNull();
  });

  it('liquidity_floor_narrows_with_dollar_volume', () => {
    expect(liquidityFloorBps(1e8)).toBeCloseTo(5, 9);
    expect(liquidityFloorBps(1e6)).toBeCloseTo(50, 9);
    expect(liquidityFloorBps(1e12)).toBe(1);
    expect(liquidityFloorBps(0)).toBe(100);
  });

  it('a_days_spread_uses_only_the_days_before_it', () => {
    const days = Array.from({ length: 10 }, (_, i) => daily(addDays('2026-11-02', i), 101, 99, 100, 1e5));
    const base = spreadSchedule(days, false);
    const changed = spreadSchedule([...days.slice(0, 9), daily(addDays('2026-11-02', 9), 150, 50, 60, 1)], false);
    const last = newYorkTime(addDays('2026-11-02', 9), '12:00');
    expect(spreadAt(changed, last, 10)).toBe(spreadAt(base, last, 10));
    // $10M a day: the floor, 15.8 bps (the flat closes at mid-range give no bounce).
    expect(spreadAt(base, last, 10)).toBeCloseTo(5 * Math.sqrt(10), 6);
    expect(spreadAt(base, newYorkTime('2026-11-01', '12:00'), 10)).toBe(10);
  });

  it('replay_quotes_a_liquid_name_tighter_than_an_illiquid_one_and_names_its_model', () => {
    const series = (symbol: string, volume: number) => ({
      symbol,
      timeframe: '1Day' as const,
      bars: Array.from({ length: 30 }, (_, i) => daily(addDays('2026-10-01', i), 50.5, 49.5, 50, volume)),
    });
    const feed = createReplayFeed({ series: [series('BIG', 2e7), series('SMALL', 2e4)] });
    const at = newYorkTime('2026-10-31', '12:00');
    const width = (s: string) => {
      const q = feed.quoteAt(s, at)!;
      return ((q.askPrice - q.bidPrice) / ((q.askPrice + q.bidPrice) / 2)) * 10_000;
    };
    expect(width('BIG')).toBeLessThan(3);
    expect(width('SMALL')).toBeGreaterThan(30);
    expect(feed.spreadModel().model).toMatch(/Abdi-Ranaldo/);
    expect(feed.spreadModel().lastBps.SMALL).toBeGreaterThan(feed.spreadModel().lastBps.BIG!);
  });
});
