import type { Bar } from '../../domain/market.ts';
import { adx } from './adx.ts';
import { atr } from './atr.ts';
import { asColumns, type BarColumns } from './bar-columns.ts';
import { bollinger } from './bollinger.ts';
import { macd } from './macd.ts';
import { ema, sma } from './moving-averages.ts';
import { rsi } from './rsi.ts';
import { valueAt, type Series } from './series.ts';
import { obv, sessionVwap } from './volume.ts';

/** The indicators the bot computes for every symbol, by name; the periods are part of the name. */
export const INDICATOR_NAMES = [
  'sma20',
  'ema10',
  'ema20',
  'rsi14',
  'macd',
  'macdSignal',
  'macdHistogram',
  'bbUpper',
  'bbMiddle',
  'bbLower',
  'atr14',
  'adx14',
  'plusDi14',
  'minusDi14',
  'vwap',
  'obv',
] as const;

export type IndicatorName = (typeof INDICATOR_NAMES)[number];

/** Every indicator as a column aligned with the bars (NaN where TA-Lib has no value yet). */
export type IndicatorSet = Readonly<Record<IndicatorName, Series>> & { readonly length: number };

/** The values at one bar, null where the indicator has no value yet. */
export type IndicatorValues = Record<IndicatorName, number | null>;

/**
 * Bars needed before every indicator has a value (MACD 12/26/9 publishes from bar 33). EMA-based values (EMA,
 * MACD, RSI, ATR, ADX) depend on where the series starts, as in TA-Lib: give ~10× the period for them to settle.
 */
export const INDICATOR_WARMUP_BARS = 34;

/** Computes the bot's indicator set over bars (oldest first) or their columns. */
export function computeIndicators(input: readonly Bar[] | BarColumns): IndicatorSet {
  const c = asColumns(input);
  const m = macd(c.close, 12, 26, 9);
  const bb = bollinger(c.close, 20, 2);
  const dm = adx(c.high, c.low, c.close, 14);
  return {
    length: c.length,
    sma20: sma(c.close, 20),
    ema10: ema(c.close, 10),
    ema20: ema(c.close, 20),
    rsi14: rsi(c.close, 14),
    macd: m.macd,
    macdSignal: m.signal,
    macdHistogram: m.histogram,
    bbUpper: bb.upper,
    bbMiddle: bb.middle,
    bbLower: bb.lower,
    atr14: atr(c.high, c.low, c.close, 14),
    adx14: dm.adx,
    plusDi14: dm.plusDi,
    minusDi14: dm.minusDi,
    vwap: sessionVwap(c),
    obv: obv(c.close, c.volume),
  };
}

/** The indicator values at bar `index` (null where none exists yet). */
export function indicatorsAt(set: IndicatorSet, index: number): IndicatorValues {
  const out = {} as IndicatorValues;
  for (const name of INDICATOR_NAMES) out[name] = valueAt(set[name], index);
  return out;
}

/** The indicator values at the last bar: what a decision made now would read. */
export function latestIndicators(set: IndicatorSet): IndicatorValues {
  return indicatorsAt(set, set.length - 1);
}
