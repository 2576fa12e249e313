import { describe, expect, it } from 'vitest';
import type { Bar } from '../../domain/market.ts';
import { detectPatterns, patternLabelsByBar } from '../patterns/detect-patterns.ts';
import { computeIndicators, indicatorsAt, INDICATOR_NAMES } from './indicator-set.ts';
import { WindowedAnalysis, type BarAnalysis } from './windowed-analysis.ts';

/** Minute bars of a wandering price, 390 a day on weekdays' New York sessions (no randomness: a fixed path). */
function minuteBars(days: number): Bar[] {
  const bars: Bar[] = [];
  let price = 50;
  for (let d = 0; d < days; d++) {
    const open = Date.UTC(2024, 0, 2 + d, 14, 30);
    for (let m = 0; m < 390; m++) {
      const i = bars.length;
      const o = price;
      price = Math.max(1, price * (1 + 0.004 * Math.sin(i * 0.7) * Math.cos(i * 0.013)));
      bars.push({ t: open + m * 60_000, o, h: Math.max(o, price) * 1.0008, l: Math.min(o, price) * 0.9993, c: price, v: 1_000 + ((i * 37) % 900) });
    }
  }
  return bars;
}

describe('indicators over a long series, a window at a time', () => {
  it('equal_the_whole_series_values_and_patterns_bar_for_bar', async () => {
    const bars = minuteBars(20);
    const rows: BarAnalysis[] = [];
    const windowed = new WindowedAnalysis(async (r) => void rows.push(...r), { chunk: 1_500, overlap: 1_000 });
    for (const bar of bars) await windowed.push(bar);
    await windowed.finish();

    const set = computeIndicators(bars);
    const labels = patternLabelsByBar(detectPatterns(bars), bars.length);
    expect(rows.map((r) => r.t)).toEqual(bars.map((b) => b.t));
    for (let i = 0; i < bars.length; i++) {
      const whole = indicatorsAt(set, i);
      for (const name of INDICATOR_NAMES) {
        const got = rows[i]!.indicators[name];
        const want = whole[name];
        if (want === null) expect(got, `${name} at ${i}`).toBeNull();
        else expect(Math.abs(got! - want), `${name} at ${i}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
      }
      expect(rows[i]!.patterns, `patterns at ${i}`).toEqual(labels[i]);
    }
  });

  it('emits_each_window_as_it_fills_holding_at_most_chunk_plus_overlap_bars', async () => {
    const sizes: number[] = [];
    const windowed = new WindowedAnalysis(async (r) => void sizes.push(r.length), { chunk: 1_000, overlap: 300 });
    for (const bar of minuteBars(8)) await windowed.push(bar);
    expect(sizes).toEqual([1_000, 1_000, 1_000]);
    await windowed.finish();
    expect(sizes).toEqual([1_000, 1_000, 1_000, 8 * 390 - 3_000]);
  });
});
