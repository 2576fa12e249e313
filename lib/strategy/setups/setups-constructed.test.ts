import { describe, expect, it } from 'vitest';
import type { Bar } from '../../domain/market.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { detectBullFlags } from './bull-flag.ts';
import { detectGapAndGo, DEFAULT_GAP_AND_GO } from './gap-and-go.ts';
import { detectDayHighBreaks, detectPremarketHighBreaks } from './high-breaks.ts';
import { detectOpeningRangeBreakouts } from './opening-range-breakout.ts';
import { setupInput } from './setup-hit.ts';
import { detectVwapReclaims } from './vwap-reclaim.ts';

const DAY = '2021-08-24';
const PREVIOUS_DAY = '2021-08-23';

function bar(hhmm: string, o: number, h: number, l: number, c: number, v = 10_000, date = DAY): Bar {
  return { t: newYorkTime(date, hhmm), o, h, l, c, v };
}

/** Consecutive one-minute bars from `start`, each [open, high, low, close, volume]. */
function minutes(start: string, rows: readonly (readonly [number, number, number, number, number?])[], date = DAY): Bar[] {
  const t0 = newYorkTime(date, start);
  return rows.map(([o, h, l, c, v], i) => ({ t: t0 + i * 60_000, o, h, l, c, v: v ?? 10_000 }));
}

/** `count` quiet one-minute bars around `price` from `start`. */
function flat(start: string, count: number, price: number, volume = 10_000): Bar[] {
  return minutes(start, Array.from({ length: count }, () => [price, price + 0.02, price - 0.02, price, volume] as const));
}

describe('opening-range breakout', () => {
  const bars = [
    ...minutes('09:30', [[10, 10.4, 9.9, 10.2], [10.2, 10.3, 10.0, 10.1], [10.1, 10.2, 9.95, 10.0]]),
    ...minutes('09:35', [[10.0, 10.3, 9.98, 10.25], [10.25, 10.45, 10.2, 10.42], [10.42, 10.6, 10.4, 10.55]]),
    ...minutes('09:45', [[10.55, 10.5, 9.8, 9.85]]),
  ];

  it('breaks_out_long_on_the_first_close_above_a_five_minute_range', () => {
    const hits = detectOpeningRangeBreakouts(setupInput(bars), { rangeMinutes: 5 });
    expect(hits.map((h) => [h.direction, h.t])).toEqual([
      ['long', newYorkTime(DAY, '09:36')],
      ['short', newYorkTime(DAY, '09:45')],
    ]);
    expect(hits[0]!.levels).toMatchObject({ rangeHigh: 10.4, rangeLow: 9.9, close: 10.42 });
    expect(hits[0]!.parts[0]).toMatchObject({ role: 'opening-range', from: 0, to: 2 });
  });

  it('uses_the_configured_range_length', () => {
    const hits = detectOpeningRangeBreakouts(setupInput(bars), { rangeMinutes: 15 });
    expect(hits.map((h) => [h.direction, h.t, h.levels.rangeHigh])).toEqual([['short', newYorkTime(DAY, '09:45'), 10.6]]);
  });

  it('finds_nothing_before_the_range_is_complete', () => {
    expect(detectOpeningRangeBreakouts(setupInput(bars.slice(0, 3)), { rangeMinutes: 5 })).toEqual([]);
  });
});

describe('breaks of the pre-market high and of the day high', () => {
  it('needs_premarket_bars_to_have_a_premarket_high', () => {
    const withPremarket = [bar('08:00', 10, 10.5, 9.9, 10.3, 5000), ...minutes('09:30', [[10.3, 10.4, 10.2, 10.35], [10.35, 10.7, 10.3, 10.6]])];
    const hits = detectPremarketHighBreaks(setupInput(withPremarket));
    expect(hits.map((h) => [h.t, h.levels.premarketHigh, h.levels.premarketVolume])).toEqual([[newYorkTime(DAY, '09:31'), 10.5, 5000]]);
    expect(detectPremarketHighBreaks(setupInput(withPremarket.slice(1)))).toEqual([]);
  });

  it('breaks_the_day_high_after_a_consolidation_but_not_during_a_steady_rally', () => {
    const rally = minutes('09:30', Array.from({ length: 10 }, (_, i) => [10 + i * 0.1, 10.12 + i * 0.1, 9.98 + i * 0.1, 10.1 + i * 0.1] as const));
    expect(detectDayHighBreaks(setupInput(rally))).toEqual([]);
    const pause = [...minutes('09:30', [[10, 10.5, 9.9, 10.4]]), ...flat('09:31', 5, 10.3), ...minutes('09:36', [[10.3, 10.7, 10.3, 10.6]])];
    const hits = detectDayHighBreaks(setupInput(pause));
    expect(hits.map((h) => [h.t, h.levels.dayHigh])).toEqual([[newYorkTime(DAY, '09:36'), 10.5]]);
    expect(hits[0]!.parts.map((p) => p.role)).toEqual(['day-high', 'consolidation', 'breakout']);
  });
});

describe('bull flag', () => {
  const base = flat('09:30', 10, 10, 10_000);
  const pole = minutes('09:40', [[10, 10.12, 9.98, 10.1, 30_000], [10.1, 10.25, 10.08, 10.22, 30_000], [10.22, 10.4, 10.2, 10.38, 30_000]]);
  const flag = (volume: number) => minutes('09:43', [[10.38, 10.39, 10.3, 10.32, volume], [10.32, 10.34, 10.26, 10.28, volume], [10.28, 10.3, 10.24, 10.27, volume]]);
  const breakout = minutes('09:46', [[10.27, 10.45, 10.26, 10.42, 25_000]]);

  it('finds_pole_contracting_flag_and_breakout', () => {
    const hits = detectBullFlags(setupInput([...base, ...pole, ...flag(8_000), ...breakout]));
    expect(hits).toHaveLength(1);
    expect(hits[0]!.t).toBe(newYorkTime(DAY, '09:46'));
    expect(hits[0]!.parts.map((p) => [p.role, p.from, p.to])).toEqual([['pole', 10, 12], ['flag', 13, 15], ['breakout', 16, 16]]);
    expect(hits[0]!.levels).toMatchObject({ poleLow: 9.98, poleHigh: 10.4, flagHigh: 10.39, flagLow: 10.24, close: 10.42 });
    expect(hits[0]!.levels.target).toBeCloseTo(10.42 + 0.42, 10);
  });

  it('rejects_a_flag_whose_volume_does_not_contract', () => {
    expect(detectBullFlags(setupInput([...base, ...pole, ...flag(30_000), ...breakout]))).toEqual([]);
  });

  it('rejects_a_flag_that_gives_back_more_than_half_the_pole', () => {
    const deep = minutes('09:43', [[10.38, 10.39, 10.1, 10.15, 8_000], [10.15, 10.2, 10.1, 10.18, 8_000], [10.18, 10.3, 10.15, 10.27, 8_000]]);
    expect(detectBullFlags(setupInput([...base, ...pole, ...deep, ...breakout]))).toEqual([]);
  });
});

describe('gap-and-go', () => {
  const previous = [bar('15:59', 10, 10.05, 9.95, 10, 50_000, PREVIOUS_DAY)];
  const premarket = [bar('07:00', 10.5, 10.8, 10.4, 10.7, 80_000), bar('08:00', 10.7, 10.75, 10.5, 10.6, 70_000)];

  it('triggers_on_a_break_of_the_premarket_high_early_in_a_gapped_session', () => {
    const open = minutes('09:30', [[10.6, 10.75, 10.55, 10.7], [10.7, 10.95, 10.68, 10.9]]);
    const hits = detectGapAndGo(setupInput([...previous, ...premarket, ...open]));
    expect(hits).toHaveLength(1);
    expect(hits[0]!.t).toBe(newYorkTime(DAY, '09:31'));
    expect(hits[0]!.levels).toMatchObject({ previousClose: 10, open: 10.6, premarketHigh: 10.8, premarketVolume: 150_000, close: 10.9 });
    expect(hits[0]!.levels.gapPercent).toBeCloseTo(6, 10);
  });

  it('ignores_a_small_gap_thin_premarket_or_a_late_break', () => {
    const open = minutes('09:30', [[10.3, 10.4, 10.25, 10.35], [10.35, 10.95, 10.3, 10.9]]);
    expect(detectGapAndGo(setupInput([...previous, ...premarket, ...open]))).toEqual([]);
    const thin = premarket.map((b) => ({ ...b, v: 1_000 }));
    const gapped = minutes('09:30', [[10.6, 10.75, 10.55, 10.7], [10.7, 10.95, 10.68, 10.9]]);
    expect(detectGapAndGo(setupInput([...previous, ...thin, ...gapped]))).toEqual([]);
    const late = [...minutes('09:30', [[10.6, 10.75, 10.55, 10.7]]), bar('09:50', 10.7, 10.95, 10.68, 10.9)];
    expect(detectGapAndGo(setupInput([...previous, ...premarket, ...late]))).toEqual([]);
  });

  it('takes_the_previous_close_from_options_when_the_bars_lack_it', () => {
    const open = minutes('09:30', [[10.6, 10.75, 10.55, 10.7], [10.7, 10.95, 10.68, 10.9]]);
    expect(detectGapAndGo(setupInput([...premarket, ...open]))).toEqual([]);
    const hits = detectGapAndGo(setupInput([...premarket, ...open]), { ...DEFAULT_GAP_AND_GO, previousCloses: { [DAY]: 10 } });
    expect(hits.map((h) => h.levels.previousClose)).toEqual([10]);
  });
});

describe('VWAP reclaim', () => {
  // Opens at 10 on volume, drifts to 9.8 on lighter volume (below VWAP), then closes back above it.
  const open = minutes('09:30', [[10, 10.05, 9.95, 10, 100_000]]);
  const below = (count: number) => flat('09:31', count, 9.8, 5_000);

  it('reclaims_after_enough_closes_below_vwap', () => {
    const reclaim = minutes('09:36', [[9.8, 10.1, 9.8, 10.08, 20_000]]);
    const hits = detectVwapReclaims(setupInput([...open, ...below(5), ...reclaim]));
    expect(hits).toHaveLength(1);
    expect(hits[0]!.parts.map((p) => [p.role, p.from, p.to])).toEqual([['below-vwap', 1, 5], ['reclaim', 6, 6]]);
    expect(hits[0]!.levels.runLow).toBeCloseTo(9.78, 10);
    expect(hits[0]!.levels.vwap).toBeLessThan(10.08);
  });

  it('needs_a_long_enough_run_below_and_volume_on_the_reclaim', () => {
    const early = minutes('09:34', [[9.8, 10.1, 9.8, 10.08, 20_000]]);
    expect(detectVwapReclaims(setupInput([...open, ...below(3), ...early]))).toEqual([]);
    const quiet = minutes('09:36', [[9.8, 10.1, 9.8, 10.08, 1_000]]);
    expect(detectVwapReclaims(setupInput([...open, ...below(5), ...quiet]))).toEqual([]);
  });
});
