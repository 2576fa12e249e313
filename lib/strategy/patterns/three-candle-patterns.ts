import { bodyBottom, bodyTop, colorOf, threshold } from './candle-settings.ts';
import type { PatternRule } from './pattern-rule.ts';

// Ports of TA-Lib 0.6 ta_CDLMORNINGSTAR, ta_CDLEVENINGSTAR (penetration 0.3), ta_CDL3WHITESOLDIERS and
// ta_CDL3BLACKCROWS. None checks the trend.

/** TA-Lib's default penetration of the third candle into the first one's body for the star patterns. */
export const STAR_PENETRATION = 0.3;

/**
 * Morning star: a long black candle; a short body gapping below it; a white candle, not short, closing above the
 * first's close by more than 30 % of the first's body. Bullish (+100).
 */
export const morningStar: PatternRule = {
  name: 'morning-star',
  lookback: 12,
  candles: 3,
  score: (ctx, i) => {
    const { close } = ctx.bars;
    return colorOf(ctx, i - 2) === -1 &&
      colorOf(ctx, i) === 1 &&
      bodyTop(ctx, i - 1) < bodyBottom(ctx, i - 2) &&
      close[i]! > close[i - 2]! + ctx.body[i - 2]! * STAR_PENETRATION &&
      ctx.body[i - 2]! > threshold(ctx, 'BodyLong', i - 2) &&
      ctx.body[i - 1]! <= threshold(ctx, 'BodyShort', i - 1) &&
      ctx.body[i]! > threshold(ctx, 'BodyShort', i)
      ? 100
      : 0;
  },
};

/** Evening star: the mirror image: long white, short body gapping above it, black candle closing well into the first. Bearish. */
export const eveningStar: PatternRule = {
  name: 'evening-star',
  lookback: 12,
  candles: 3,
  score: (ctx, i) => {
    const { close } = ctx.bars;
    return colorOf(ctx, i - 2) === 1 &&
      colorOf(ctx, i) === -1 &&
      bodyBottom(ctx, i - 1) > bodyTop(ctx, i - 2) &&
      close[i]! < close[i - 2]! - ctx.body[i - 2]! * STAR_PENETRATION &&
      ctx.body[i - 2]! > threshold(ctx, 'BodyLong', i - 2) &&
      ctx.body[i - 1]! <= threshold(ctx, 'BodyShort', i - 1) &&
      ctx.body[i]! > threshold(ctx, 'BodyShort', i)
      ? -100
      : 0;
  },
};

/**
 * Three white soldiers: three white candles with very short upper shadows and rising closes, each opening above
 * the previous open and at most "near" above the previous close, none "far" shorter than the one before, the
 * last not short. Bullish (+100).
 */
export const threeWhiteSoldiers: PatternRule = {
  name: 'three-white-soldiers',
  lookback: 12,
  candles: 3,
  score: (ctx, i) => {
    const { open, close } = ctx.bars;
    for (let k = i - 2; k <= i; k++) {
      if (colorOf(ctx, k) !== 1 || !(ctx.upperShadow[k]! < threshold(ctx, 'ShadowVeryShort', k))) return 0;
    }
    return close[i]! > close[i - 1]! &&
      close[i - 1]! > close[i - 2]! &&
      open[i - 1]! > open[i - 2]! &&
      open[i - 1]! <= close[i - 2]! + threshold(ctx, 'Near', i - 2) &&
      open[i]! > open[i - 1]! &&
      open[i]! <= close[i - 1]! + threshold(ctx, 'Near', i - 1) &&
      ctx.body[i - 1]! > ctx.body[i - 2]! - threshold(ctx, 'Far', i - 2) &&
      ctx.body[i]! > ctx.body[i - 1]! - threshold(ctx, 'Far', i - 1) &&
      ctx.body[i]! > threshold(ctx, 'BodyShort', i)
      ? 100
      : 0;
  },
};

/**
 * Three black crows: after a white candle, three black candles with very short lower shadows and falling closes,
 * the 2nd and 3rd opening inside the previous body, the first closing under the white candle's high. Bearish (−100).
 * The white candle is checked but not part of the pattern's three candles.
 */
export const threeBlackCrows: PatternRule = {
  name: 'three-black-crows',
  lookback: 13,
  candles: 3,
  score: (ctx, i) => {
    const { open, high, close } = ctx.bars;
    if (colorOf(ctx, i - 3) !== 1) return 0;
    for (let k = i - 2; k <= i; k++) {
      if (colorOf(ctx, k) !== -1 || !(ctx.lowerShadow[k]! < threshold(ctx, 'ShadowVeryShort', k))) return 0;
    }
    return open[i - 1]! < open[i - 2]! &&
      open[i - 1]! > close[i - 2]! &&
      open[i]! < open[i - 1]! &&
      open[i]! > close[i - 1]! &&
      high[i - 3]! > close[i - 2]! &&
      close[i - 2]! > close[i - 1]! &&
      close[i - 1]! > close[i]!
      ? -100
      : 0;
  },
};
