import { readFileSync } from 'node:fs';
import { BollingerBands, RSI, SMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import type { Bar } from '../../domain/market.ts';
import { MINUTE_MS } from '../../domain/time.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { toColumns } from './bar-columns.ts';
import { bollinger } from './bollinger.ts';
import { parseSharedDataCsv } from './fixtures/shared-data-bars.ts';
import { computeIndicators, INDICATOR_NAMES, INDICATOR_WARMUP_BARS, indicatorsAt, latestIndicators } from './indicator-set.ts';
import { rsi } from './rsi.ts';
import { sma } from './moving-averages.ts';
import { sessionVwap } from './volume.ts';
import { sharedData, skipWithoutSharedData } from '../../../test/support/shared-data.ts';

const AAPL_MINUTE = sharedData('bars', 'minute', 'AAPL_Minute.csv');

function minuteBars(date: string, closes: readonly number[], volume = 1000): Bar[] {
  const open = newYorkTime(date, '09:30');
  return closes.map((c, i) => ({ t: open + i * MINUTE_MS, o: c, h: c + 0.1, l: c - 0.1, c, v: volume }));
}

describe.skipIf(skipWithoutSharedData('bars'))('TA-Lib conventions at the edges', () => {
  it('rsi_is_zero_when_the_price_never_changes_as_ta_lib', () => {
    const flat = Array.from({ length: 20 }, () => 10);
    expect(rsi(flat, 14)[14]).toBe(0);
    expect(rsi(flat, 14)[19]).toBe(0);
    // trading-signals answers 100 here: the reason RSI does not go through it.
    expect(new RSI(14).updates(flat).at(-1)).toBe(100);
  });

  it('sma_equals_trading_signals_to_the_last_bit_on_real_minute_bars', () => {
    const close = parseSharedDataCsv(readFileSync(AAPL_MINUTE, 'utf8')).map((b) => b.c);
    for (const period of [5, 20, 50]) {
      const theirs = new SMA(period).updates(close);
      const ours = sma(close, period);
      for (let i = 0; i < close.length; i++) expect(Number.isNaN(ours[i]!) ? null : ours[i], `sma(${period})[${i}]`).toBe(theirs[i] ?? null);
    }
  });

  it('bollinger_bands_equal_trading_signals_on_real_minute_bars', () => {
    const close = parseSharedDataCsv(readFileSync(AAPL_MINUTE, 'utf8')).map((b) => b.c);
    const ours = bollinger(close, 20, 2);
    const theirs = new BollingerBands(20, 2).updates(close);
    expect(theirs.findIndex((r) => r !== null)).toBe(19);
    for (let i = 19; i < close.length; i++) {
      expect(Math.abs(ours.upper[i]! - theirs[i]!.upper), `upper ${i}`).toBeLessThan(1e-6);
      expect(Math.abs(ours.lower[i]! - theirs[i]!.lower), `lower ${i}`).toBeLessThan(1e-6);
    }
  });

  it('rsi_is_100_when_the_price_only_rises', () => {
    const rising = Array.from({ length: 20 }, (_, i) => 10 + i);
    expect(rsi(rising, 14)[19]).toBe(100);
  });

  it('bollinger_bands_collapse_when_the_variance_is_below_ta_lib_tolerance', () => {
    // σ = 0.00005 (variance 2.5e-9 < 1e-8): TA-Lib treats it as zero.
    const quiet = Array.from({ length: 20 }, (_, i) => (i % 2 ? 0.50005 : 0.49995));
    const b = bollinger(quiet, 20, 2);
    expect(b.upper[19]).toBe(b.middle[19]);
    expect(b.lower[19]).toBe(b.middle[19]);
    const wide = bollinger(quiet.map((x) => x * 100), 20, 2);
    expect(wide.upper[19]! - wide.middle[19]!).toBeCloseTo(0.01, 8);
  });
});

describe.skipIf(skipWithoutSharedData('bars'))('session VWAP', () => {
  it('restarts_at_the_first_bar_of_each_new_york_day', () => {
    const bars = [...minuteBars('2021-08-23', [10, 11, 12]), ...minuteBars('2021-08-24', [20, 22])];
    const vwap = sessionVwap(toColumns(bars));
    expect(vwap[0]).toBeCloseTo(10, 10);
    expect(vwap[2]).toBeCloseTo(11, 10);
    expect(vwap[3]).toBeCloseTo(20, 10);
    expect(vwap[4]).toBeCloseTo(21, 10);
  });

  it('has_no_value_before_volume_and_keeps_its_value_through_a_zero_volume_bar', () => {
    const bars = minuteBars('2021-08-23', [10, 12, 14]);
    bars[0] = { ...bars[0]!, v: 0 };
    bars[2] = { ...bars[2]!, v: 0 };
    const vwap = sessionVwap(toColumns(bars));
    expect(Number.isNaN(vwap[0]!)).toBe(true);
    expect(vwap[1]).toBeCloseTo(12, 10);
    expect(vwap[2]).toBeCloseTo(12, 10);
  });

  it('restarts_each_day_on_real_aapl_minute_bars', () => {
    const bars = parseSharedDataCsv(readFileSync(AAPL_MINUTE, 'utf8'));
    const vwap = sessionVwap(toColumns(bars));
    const firstOfDay = bars.flatMap((b, i) => (i === 0 || b.t - bars[i - 1]!.t > 12 * 3_600_000 ? [i] : []));
    expect(firstOfDay).toHaveLength(3);
    for (const i of firstOfDay) expect(vwap[i]).toBeCloseTo((bars[i]!.h + bars[i]!.l + bars[i]!.c) / 3, 8);
    // Within a day it stays inside the day's range so far.
    const second = firstOfDay[1]!;
    const dayLow = Math.min(...bars.slice(second, second + 60).map((b) => b.l));
    const dayHigh = Math.max(...bars.slice(second, second + 60).map((b) => b.h));
    expect(vwap[second + 59]).toBeGreaterThanOrEqual(dayLow);
    expect(vwap[second + 59]).toBeLessThanOrEqual(dayHigh);
  });
});

describe.skipIf(skipWithoutSharedData('bars'))('indicator set', () => {
  it('gives_columns_aligned_with_real_minute_bars_and_null_until_warmed_up', () => {
    const bars = parseSharedDataCsv(readFileSync(AAPL_MINUTE, 'utf8'));
    const set = computeIndicators(bars);
    for (const name of INDICATOR_NAMES) expect(set[name]).toHaveLength(bars.length);
    const early = indicatorsAt(set, 5);
    expect(early.sma20).toBeNull();
    expect(early.macd).toBeNull();
    expect(early.obv).not.toBeNull();
    expect(indicatorsAt(set, INDICATOR_WARMUP_BARS - 2).macd).toBeNull();
    const latest = latestIndicators(set);
    for (const name of INDICATOR_NAMES) expect(latest[name], name).not.toBeNull();
    expect(latest.bbLower!).toBeLessThan(latest.bbUpper!);
    expect(latest.rsi14!).toBeGreaterThanOrEqual(0);
    expect(latest.rsi14!).toBeLessThanOrEqual(100);
  });

  it('rejects_bars_out_of_time_order', () => {
    const bars = minuteBars('2021-08-23', [10, 11]);
    expect(() => toColumns([bars[1]!, bars[0]!])).toThrow(/increasing time order/);
  });
});
