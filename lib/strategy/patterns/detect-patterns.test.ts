import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Bar } from '../../domain/market.ts';
import { DAY_MS } from '../../domain/time.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { taLibReferenceBars } from '../indicators/fixtures/ta-lib-reference-bars.ts';
import { parseSharedDataCsv } from '../indicators/fixtures/shared-data-bars.ts';
import { toColumns } from '../indicators/bar-columns.ts';
import { detectPatterns, patternLabelsByBar, type PatternHit } from './detect-patterns.ts';
import type { PatternName } from './pattern-rule.ts';
import { sharedData, skipWithoutSharedData } from '../../../test/support/shared-data.ts';

const DATA = sharedData('bars');
const T0 = Date.UTC(2020, 0, 6, 14, 30);

function bars(ohlc: readonly (readonly [number, number, number, number])[]): Bar[] {
  return ohlc.map(([o, h, l, c], i) => ({ t: T0 + i * DAY_MS, o, h, l, c, v: 1000 }));
}

/** Twelve ordinary candles (body 1, range 2, alternating colours) for TA-Lib's averages to compare with. */
const CONTEXT = Array.from({ length: 12 }, (_, i) => (i % 2 ? ([101, 101.5, 99.5, 100] as const) : ([100, 101.5, 99.5, 101] as const)));

function of(hits: readonly PatternHit[], name: PatternName): PatternHit[] {
  return hits.filter((h) => h.pattern === name);
}

describe.skipIf(skipWithoutSharedData('bars'))('candlestick patterns on TA-Lib reference series', () => {
  const hits = detectPatterns(taLibReferenceBars());

  it('finds_the_counts_a_faithful_ta_lib_port_finds', () => {
    expect(of(hits, 'doji')).toHaveLength(37);
    expect(of(hits, 'hammer')).toHaveLength(13);
    expect(of(hits, 'engulfing').filter((h) => h.strength === 100)).toHaveLength(15);
    expect(of(hits, 'morning-star').map((h) => h.index)).toEqual([99]);
  });

  it('reports_nothing_before_ta_lib_lookback', () => {
    expect(Math.min(...of(hits, 'doji').map((h) => h.index))).toBeGreaterThanOrEqual(10);
    expect(Math.min(...of(hits, 'hammer').map((h) => h.index))).toBeGreaterThanOrEqual(11);
  });

  it('finds_three_black_crows_where_ta_lib_python_expects_them', () => {
    // TA-Lib/ta-lib-python tests/test_func.py, test_CDL3BLACKCROWS: -100 at index 17 only.
    const o = [39, 39, 39, 39, 39, 39, 39, 39, 39, 39, 39, 39, 39, 39, 40.32, 40.51, 38.09, 35.0, 27.66, 30.8];
    const h = [40.84, 40.84, 40.84, 40.84, 40.84, 40.84, 40.84, 40.84, 40.84, 40.84, 40.84, 40.84, 40.84, 40.84, 41.69, 40.84, 38.12, 35.5, 31.74, 32.51];
    const l = [35.8, 35.8, 35.8, 35.8, 35.8, 35.8, 35.8, 35.8, 35.8, 35.8, 35.8, 35.8, 35.8, 35.8, 39.26, 36.73, 33.37, 30.03, 27.03, 28.31];
    const c = [40.29, 40.29, 40.29, 40.29, 40.29, 40.29, 40.29, 40.29, 40.29, 40.29, 40.29, 40.29, 40.29, 40.29, 40.46, 37.08, 33.37, 30.03, 31.46, 28.31];
    const crows = of(detectPatterns(bars(o.map((x, i) => [x, h[i]!, l[i]!, c[i]!] as const))), 'three-black-crows');
    expect(crows).toHaveLength(1);
    expect(crows[0]).toMatchObject({ index: 17, direction: 'bearish', strength: 100 });
    expect(crows[0]!.bars.map((b) => b.index)).toEqual([15, 16, 17]);
  });
});

describe.skipIf(skipWithoutSharedData('bars'))('candlestick patterns on constructed candles', () => {
  it('grades_an_engulfing_80_when_the_bodies_share_an_end', () => {
    const strict = detectPatterns(bars([...CONTEXT, [101, 101.2, 99.8, 100], [99.5, 102, 99.4, 101.5]]));
    const shared = detectPatterns(bars([...CONTEXT, [101, 101.2, 99.8, 100], [100, 102, 99.9, 101.5]]));
    expect(of(strict, 'engulfing').at(-1)).toMatchObject({ index: 13, direction: 'bullish', strength: 100 });
    expect(of(shared, 'engulfing').at(-1)).toMatchObject({ index: 13, direction: 'bullish', strength: 80 });
  });

  it('finds_three_white_soldiers_with_short_upper_shadows', () => {
    const soldiers = [[100, 102.1, 99.9, 102], [101.5, 103.6, 101.4, 103.5], [103, 105.1, 102.9, 105]] as const;
    const hits = of(detectPatterns(bars([...CONTEXT, ...soldiers])), 'three-white-soldiers');
    expect(hits.map((h) => [h.index, h.direction])).toEqual([[14, 'bullish']]);
    const longShadows = soldiers.map(([o, hi, lo, c]) => [o, hi + 1, lo, c] as const);
    expect(of(detectPatterns(bars([...CONTEXT, ...longShadows])), 'three-white-soldiers')).toHaveLength(0);
  });

  it('tells_a_hammer_near_the_prior_low_from_a_hanging_man_near_the_prior_high', () => {
    const hammerBar = [99.6, 99.65, 98, 99.5] as const;
    const afterDecline = detectPatterns(bars([...CONTEXT, [101, 101.2, 99.4, 99.6], hammerBar]));
    expect(patternLabelsByBar(afterDecline, 14)[13]).toContain('hammer');
    const afterRise = detectPatterns(bars([...CONTEXT, [98, 99.6, 97.9, 99.5], [99.6, 99.65, 98.5, 99.55]]));
    expect(patternLabelsByBar(afterRise, 14)[13]).toContain('hanging-man');
    expect(patternLabelsByBar(afterRise, 14)[13]).not.toContain('hammer');
  });
});

describe.skipIf(skipWithoutSharedData('bars'))('candlestick patterns on real bars', () => {
  it('finds_a_hammer_and_a_morning_star_on_daily_aapl', () => {
    const daily = parseSharedDataCsv(readFileSync(path.join(DATA, 'daily/AAPL.csv'), 'utf8'));
    const hits = detectPatterns(daily);
    const at = (date: string) => daily.findIndex((b) => b.t === newYorkTime(date, '09:30'));
    const labels = patternLabelsByBar(hits, daily.length);
    // 2012-09-20: o 99.88 h 100.01 l 99.09 c 99.81: body 0.07 vs 10-day average 0.60, lower shadow 0.73,
    // upper 0.13 under 10 % of the 1.40 average range, body near the prior low of 99.94.
    expect(labels[at('2012-09-20')]).toContain('hammer');
    // The day before has a lower shadow (0.10) shorter than its body (0.26).
    expect(labels[at('2012-09-19')]).not.toContain('hammer');
    // 2013-04-18 long black (57.86 → 56.01), 04-19 small body gapping below it, 04-22 white closing at 56.95,
    // above 56.01 + 0.3 × 1.85.
    const star = of(hits, 'morning-star').find((h) => h.index === at('2013-04-22'));
    expect(star?.bars.map((b) => b.index)).toEqual([at('2013-04-18'), at('2013-04-19'), at('2013-04-22')]);
    // The 2013-04-17 drop (body 2.50, the largest around) is no doji and no hammer.
    expect(labels[at('2013-04-17')]).not.toContain('doji');
    expect(labels[at('2013-04-17')]).not.toContain('hammer');
  });

  it('finds_three_black_crows_on_srne_minute_bars', () => {
    const minute = parseSharedDataCsv(readFileSync(path.join(DATA, 'minute/SRNE_Minute.csv'), 'utf8'));
    const crows = of(detectPatterns(minute), 'three-black-crows');
    // 15:46 white (high 10.87), then black 10.875→10.865, 10.87→10.845, 10.855→10.835 without lower shadows.
    const first = crows[0]!;
    expect(first.t).toBe(newYorkTime('2021-07-01', '15:49'));
    expect(first.bars.map((b) => b.t)).toEqual(['15:47', '15:48', '15:49'].map((hm) => newYorkTime('2021-07-01', hm)));
    // 15:52 (10.88 → 10.965) is a long white candle, not a doji.
    const labels = patternLabelsByBar(detectPatterns(minute), minute.length);
    expect(labels[minute.findIndex((b) => b.t === newYorkTime('2021-07-01', '15:52'))]).not.toContain('doji');
  });

  it('finds_from_a_given_bar_exactly_the_hits_of_the_whole_run_from_that_bar_on', () => {
    const minute = toColumns(parseSharedDataCsv(readFileSync(path.join(DATA, 'minute/SRNE_Minute.csv'), 'utf8')).slice(0, 600));
    const whole = detectPatterns(minute);
    expect(new Set(whole.map((h) => h.pattern)).size).toBeGreaterThanOrEqual(6);
    const differ: number[] = [];
    for (let from = 0; from <= minute.length + 1; from++) {
      if (!isDeepStrictEqual(detectPatterns(minute, undefined, from), whole.filter((h) => h.index >= from))) differ.push(from);
    }
    expect(differ).toEqual([]);
  });
});
