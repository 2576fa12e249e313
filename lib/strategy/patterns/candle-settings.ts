import type { BarColumns } from '../indicators/bar-columns.ts';

/** What a candle setting measures on each candle (TA-Lib's TA_RangeType). */
export type CandleRange = 'realBody' | 'highLow' | 'shadows';

/** One of TA-Lib's candle settings: "long", "short", "near"... relative to the average of preceding candles. */
export interface CandleSetting {
  range: CandleRange;
  /** How many preceding candles are averaged; 0 means the candle's own range. */
  period: number;
  factor: number;
}

/**
 * TA-Lib's default candle settings (src/ta_common/ta_global.c). The average always excludes the candle being
 * judged: it is the mean over the `period` candles before it. The `shadows` range is halved (mean one-sided shadow).
 */
export const CANDLE_SETTINGS = {
  BodyLong: { range: 'realBody', period: 10, factor: 1.0 },
  BodyVeryLong: { range: 'realBody', period: 10, factor: 3.0 },
  BodyShort: { range: 'realBody', period: 10, factor: 1.0 },
  BodyDoji: { range: 'highLow', period: 10, factor: 0.1 },
  ShadowLong: { range: 'realBody', period: 0, factor: 1.0 },
  ShadowVeryLong: { range: 'realBody', period: 0, factor: 2.0 },
  ShadowShort: { range: 'shadows', period: 10, factor: 1.0 },
  ShadowVeryShort: { range: 'highLow', period: 10, factor: 0.1 },
  Near: { range: 'highLow', period: 5, factor: 0.2 },
  Far: { range: 'highLow', period: 5, factor: 0.6 },
  Equal: { range: 'highLow', period: 5, factor: 0.05 },
} as const satisfies Record<string, CandleSetting>;

export type CandleSettingName = keyof typeof CANDLE_SETTINGS;

/** Per-candle measures and the trailing averages the settings scale, computed once per bar series. */
export interface CandleContext {
  readonly bars: BarColumns;
  readonly body: Float64Array;
  readonly highLow: Float64Array;
  readonly upperShadow: Float64Array;
  readonly lowerShadow: Float64Array;
  /** Per AVERAGED pair: the mean of that range over the `period` candles before each index (NaN before). */
  readonly averages: readonly Float64Array[];
}

// The distinct (range, period) pairs the settings average; candleContext computes each one once.
const AVERAGED: readonly CandleSetting[] = Object.values(CANDLE_SETTINGS).filter(
  (s, i, all) => s.period > 0 && all.findIndex((o) => o.range === s.range && o.period === s.period) === i,
);

// Per setting: which AVERAGED pair it scales (−1: the candle's own body), its factor, and TA-Lib's divisor.
const RESOLVED = Object.fromEntries(
  (Object.entries(CANDLE_SETTINGS) as [CandleSettingName, CandleSetting][]).map(([name, s]) => [
    name,
    {
      average: AVERAGED.findIndex((a) => a.range === s.range && a.period === s.period),
      factor: s.factor,
      divisor: s.range === 'shadows' ? 2 : 1,
    },
  ]),
) as Record<CandleSettingName, { average: number; factor: number; divisor: number }>;

/**
 * Measures every candle once: bodies, ranges, shadows and the trailing averages of TA-Lib's settings. The
 * averages are filled from index `averagesFrom` on (NaN before), for a caller that reads no earlier candle.
 */
export function candleContext(bars: BarColumns, averagesFrom = 0): CandleContext {
  const n = bars.length;
  const body = new Float64Array(n);
  const highLow = new Float64Array(n);
  const upperShadow = new Float64Array(n);
  const lowerShadow = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = bars.open[i]!;
    const c = bars.close[i]!;
    const white = c >= o;
    body[i] = Math.abs(c - o);
    highLow[i] = bars.high[i]! - bars.low[i]!;
    upperShadow[i] = bars.high[i]! - (white ? c : o);
    lowerShadow[i] = (white ? o : c) - bars.low[i]!;
  }
  const ranges = { realBody: body, highLow, shadows: null };
  const averages = AVERAGED.map((a) => trailingMean(ranges[a.range], upperShadow, lowerShadow, a.period, averagesFrom));
  return { bars, body, highLow, upperShadow, lowerShadow, averages };
}

/**
 * TA-Lib's TA_CANDLEAVERAGE for the candle at `index`: factor × (mean over the preceding `period` candles, or the
 * candle's own range when the period is 0), halved for the shadows range. Same operation order as TA-Lib.
 */
export function threshold(ctx: CandleContext, name: CandleSettingName, index: number): number {
  const s = RESOLVED[name];
  // Period 0 only occurs with the real-body range (ShadowLong, ShadowVeryLong), whose divisor is 1.
  return s.average < 0 ? s.factor * ctx.body[index]! : (s.factor * ctx.averages[s.average]![index]!) / s.divisor;
}

/** +1 for a white (close ≥ open) candle, −1 for a black one, as TA-Lib colours them. */
export function colorOf(ctx: CandleContext, index: number): 1 | -1 {
  return ctx.bars.close[index]! >= ctx.bars.open[index]! ? 1 : -1;
}

/** Top of the real body. */
export function bodyTop(ctx: CandleContext, index: number): number {
  return Math.max(ctx.bars.open[index]!, ctx.bars.close[index]!);
}

/** Bottom of the real body. */
export function bodyBottom(ctx: CandleContext, index: number): number {
  return Math.min(ctx.bars.open[index]!, ctx.bars.close[index]!);
}

// Summed fresh for each candle (not rolled), in TA-Lib's order, so no rounding drifts in over long series.
// `values` null means the shadows range (upper + lower).
function trailingMean(values: Float64Array | null, upper: Float64Array, lower: Float64Array, period: number, from: number): Float64Array {
  const n = upper.length;
  const out = new Float64Array(n).fill(Number.NaN);
  for (let i = Math.max(period, from); i < n; i++) {
    let sum = 0;
    for (let j = i - period; j < i; j++) sum += values ? values[j]! : upper[j]! + lower[j]!;
    out[i] = sum / period;
  }
  return out;
}
