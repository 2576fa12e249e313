import type { CandleContext } from './candle-settings.ts';

/** The candlestick patterns the bot recognises, with TA-Lib's definitions. */
export type PatternName =
  | 'doji'
  | 'hammer'
  | 'inverted-hammer'
  | 'hanging-man'
  | 'shooting-star'
  | 'engulfing'
  | 'harami'
  | 'morning-star'
  | 'evening-star'
  | 'three-white-soldiers'
  | 'three-black-crows';

/** One pattern's rule, as a port of TA-Lib's TA_CDL* function. */
export interface PatternRule {
  name: PatternName;
  /** TA-Lib's lookback: the first bar index at which TA-Lib can report the pattern. */
  lookback: number;
  /** How many candles form the pattern; the last one is the bar it is reported on. */
  candles: number;
  /** TA-Lib's output at bar `i`: 0, or ±100 (bullish +, bearish −), ±80 where TA-Lib grades a match on one end. */
  score(ctx: CandleContext, i: number): number;
}
