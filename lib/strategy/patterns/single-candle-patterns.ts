import { bodyBottom, bodyTop, threshold, type CandleContext } from './candle-settings.ts';
import type { PatternRule } from './pattern-rule.ts';

// Ports of TA-Lib 0.6 ta_CDLDOJI, ta_CDLHAMMER, ta_CDLINVERTEDHAMMER, ta_CDLHANGINGMAN and ta_CDLSHOOTINGSTAR.
// None checks the trend: a hammer is a hammer wherever it appears, as in TA-Lib.

/** Doji: real body ≤ 10 % of the average high-low range of the 10 previous candles. Neutral (+100). */
export const doji: PatternRule = {
  name: 'doji',
  lookback: 10,
  candles: 1,
  score: (ctx, i) => (ctx.body[i]! <= threshold(ctx, 'BodyDoji', i) ? 100 : 0),
};

/** Small body, lower shadow longer than the body, (almost) no upper shadow. */
function isHammerShape(ctx: CandleContext, i: number): boolean {
  return (
    ctx.body[i]! < threshold(ctx, 'BodyShort', i) &&
    ctx.lowerShadow[i]! > threshold(ctx, 'ShadowLong', i) &&
    ctx.upperShadow[i]! < threshold(ctx, 'ShadowVeryShort', i)
  );
}

/** Small body, upper shadow longer than the body, (almost) no lower shadow. */
function isInvertedShape(ctx: CandleContext, i: number): boolean {
  return (
    ctx.body[i]! < threshold(ctx, 'BodyShort', i) &&
    ctx.upperShadow[i]! > threshold(ctx, 'ShadowLong', i) &&
    ctx.lowerShadow[i]! < threshold(ctx, 'ShadowVeryShort', i)
  );
}

/**
 * Hammer: body shorter than the 10-candle average body, lower shadow longer than its own body, upper shadow under
 * 10 % of the average range, and the body's bottom at or near the previous candle's low (within 20 % of the
 * 5-candle average range measured at that candle). Bullish (+100).
 */
export const hammer: PatternRule = {
  name: 'hammer',
  lookback: 11,
  candles: 1,
  score: (ctx, i) =>
    isHammerShape(ctx, i) && bodyBottom(ctx, i) <= ctx.bars.low[i - 1]! + threshold(ctx, 'Near', i - 1) ? 100 : 0,
};

/** Hanging man: the hammer's shape with its body's bottom at or near the previous candle's high. Bearish (−100). */
export const hangingMan: PatternRule = {
  name: 'hanging-man',
  lookback: 11,
  candles: 1,
  score: (ctx, i) =>
    isHammerShape(ctx, i) && bodyBottom(ctx, i) >= ctx.bars.high[i - 1]! - threshold(ctx, 'Near', i - 1) ? -100 : 0,
};

/** Inverted hammer: small body, long upper shadow, very short lower shadow, body gapping below the previous body. Bullish. */
export const invertedHammer: PatternRule = {
  name: 'inverted-hammer',
  lookback: 11,
  candles: 1,
  score: (ctx, i) => (bodyTop(ctx, i) < bodyBottom(ctx, i - 1) && isInvertedShape(ctx, i) ? 100 : 0),
};

/** Shooting star: the inverted hammer's shape with its body gapping above the previous body. Bearish (−100). */
export const shootingStar: PatternRule = {
  name: 'shooting-star',
  lookback: 11,
  candles: 1,
  score: (ctx, i) => (bodyBottom(ctx, i) > bodyTop(ctx, i - 1) && isInvertedShape(ctx, i) ? -100 : 0),
};
