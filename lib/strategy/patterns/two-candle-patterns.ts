import { bodyBottom, bodyTop, colorOf, threshold } from './candle-settings.ts';
import type { PatternRule } from './pattern-rule.ts';

// Ports of TA-Lib 0.6 ta_CDLENGULFING and ta_CDLHARAMI. Neither checks the trend.

/**
 * Engulfing: two candles of opposite colours, the second's real body covering the first's. ±100 when it extends
 * past both ends, ±80 when one end is equal (TA-Lib ≥ 0.4.x, after Greg Morris). Sign = colour of the second.
 */
export const engulfing: PatternRule = {
  name: 'engulfing',
  lookback: 2,
  candles: 2,
  score: (ctx, i) => {
    const { open, close } = ctx.bars;
    const o = open[i]!;
    const c = close[i]!;
    const po = open[i - 1]!;
    const pc = close[i - 1]!;
    const color = colorOf(ctx, i);
    if (color === colorOf(ctx, i - 1)) return 0;
    const engulfs =
      color === 1
        ? (c >= po && o < pc) || (c > po && o <= pc)
        : (o >= pc && c < po) || (o > pc && c <= po);
    if (!engulfs) return 0;
    return color * (o !== pc && c !== po ? 100 : 80);
  },
};

/**
 * Harami: a long candle (body above the 10-candle average) then a short one (body at most that average) whose
 * body lies inside the first's: ±100 strictly inside, ±80 when one end is equal. Sign opposite to the first
 * candle's colour.
 */
export const harami: PatternRule = {
  name: 'harami',
  lookback: 11,
  candles: 2,
  score: (ctx, i) => {
    if (!(ctx.body[i - 1]! > threshold(ctx, 'BodyLong', i - 1)) || !(ctx.body[i]! <= threshold(ctx, 'BodyShort', i))) return 0;
    const top = bodyTop(ctx, i);
    const bottom = bodyBottom(ctx, i);
    const firstTop = bodyTop(ctx, i - 1);
    const firstBottom = bodyBottom(ctx, i - 1);
    const sign = -colorOf(ctx, i - 1);
    if (top < firstTop && bottom > firstBottom) return sign * 100;
    if (top <= firstTop && bottom >= firstBottom) return sign * 80;
    return 0;
  },
};
