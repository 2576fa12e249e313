import { describe, expect, it } from 'vitest';
import { adx } from './adx.ts';
import { atr } from './atr.ts';
import { toColumns } from './bar-columns.ts';
import { bollinger } from './bollinger.ts';
import { taLibReferenceBars } from './fixtures/ta-lib-reference-bars.ts';
import { macd } from './macd.ts';
import { ema, sma } from './moving-averages.ts';
import { rsi } from './rsi.ts';
import { firstValueIndex, lastValue, type Series } from './series.ts';
import { obv } from './volume.ts';

// Expected values: TA-Lib's own regression tests (src/tools/ta_regtest/ta_test_func/test_*.c) on its 252-bar
// series, with TA-Lib's tolerance of ±0.01. Indexes are bar indexes (TA-Lib's begIdx + k).
const bars = toColumns(taLibReferenceBars());
const { high, low, close } = bars;

const TOLERANCE = 0.01;

function expectNear(actual: number | null | undefined, expected: number, label: string): void {
  expect(actual, label).toBeTypeOf('number');
  expect(Math.abs(actual! - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(TOLERANCE);
}

function expectValues(series: Series, expected: Record<number, number>): void {
  for (const [index, value] of Object.entries(expected)) expectNear(series[Number(index)], value, `bar ${index}`);
}

describe('indicators against TA-Lib regression values', () => {
  it('matches_ta_lib_rsi_14', () => {
    const s = rsi(close, 14);
    expect(firstValueIndex(s)).toBe(14);
    expectValues(s, { 14: 49.14, 15: 52.32, 16: 46.07 });
    expectNear(lastValue(s), 49.63, 'last bar');
  });

  it('matches_ta_lib_ema_10_seeded_with_the_sma_of_the_first_ten', () => {
    const s = ema(close, 10);
    expect(firstValueIndex(s)).toBe(9);
    expectValues(s, { 9: 93.22, 10: 93.75, 29: 86.46 });
    expectNear(lastValue(s), 108.97, 'last bar');
  });

  it('matches_ta_lib_sma_30', () => {
    const s = sma(close, 30);
    expect(firstValueIndex(s)).toBe(29);
    expectValues(s, { 29: 90.42, 30: 90.21, 31: 89.96, 58: 87.12 });
    expectNear(lastValue(s), 108.42, 'last bar');
  });

  it('matches_ta_lib_macd_12_26_9_from_bar_33', () => {
    const m = macd(close, 12, 26, 9);
    for (const s of [m.macd, m.signal, m.histogram]) expect(firstValueIndex(s)).toBe(33);
    expectValues(m.macd, { 33: -1.9738 });
    expectValues(m.signal, { 33: -2.7071 });
    expectValues(m.histogram, { 33: 0.7333 });
  });

  it('matches_ta_lib_bollinger_20_2', () => {
    const b = bollinger(close, 20, 2);
    expect(firstValueIndex(b.middle)).toBe(19);
    expectValues(b.upper, { 19: 98.0734 });
    expectValues(b.middle, { 19: 92.891 });
    expectValues(b.lower, { 19: 87.7086 });
  });

  it('matches_ta_lib_atr_14_which_ignores_bar_zero', () => {
    const s = atr(high, low, close, 14);
    expect(firstValueIndex(s)).toBe(14);
    expectValues(s, { 14: 3.578, 15: 3.4876, 16: 3.55, 26: 3.245, 27: 3.394, 28: 3.413 });
    expectNear(lastValue(s), 3.26, 'last bar');
  });

  it('matches_ta_lib_adx_14_and_its_directional_indicators', () => {
    const d = adx(high, low, close, 14);
    expect(firstValueIndex(d.adx)).toBe(27);
    expect(firstValueIndex(d.plusDi)).toBe(14);
    expect(firstValueIndex(d.minusDi)).toBe(14);
    expectValues(d.adx, { 27: 23.0, 28: 22.0802, 250: 16.684, 251: 15.526 });
    expectValues(d.plusDi, { 14: 20.3781 });
    expectValues(d.minusDi, { 14: 30.1684 });
  });

  it('starts_obv_at_the_first_bar_volume_as_ta_lib', () => {
    const s = obv(close, bars.volume);
    expect(s[0]).toBe(4_077_500);
    // Bar 1 closed higher (94.815 > 91.5), bar 2 lower (94.375).
    expect(s[1]).toBe(4_077_500 + 4_955_900);
    expect(s[2]).toBe(4_077_500 + 4_955_900 - 4_775_300);
  });
});
