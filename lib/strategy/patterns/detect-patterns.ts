import type { Bar } from '../../domain/market.ts';
import type { EpochMs } from '../../domain/time.ts';
import { asColumns, type BarColumns } from '../indicators/bar-columns.ts';
import { candleContext } from './candle-settings.ts';
import type { PatternName, PatternRule } from './pattern-rule.ts';
import { doji, hammer, hangingMan, invertedHammer, shootingStar } from './single-candle-patterns.ts';
import { eveningStar, morningStar, threeBlackCrows, threeWhiteSoldiers } from './three-candle-patterns.ts';
import { engulfing, harami } from './two-candle-patterns.ts';

/** Every pattern rule the bot runs, in reporting order. */
export const PATTERN_RULES: readonly PatternRule[] = [
  doji,
  hammer,
  invertedHammer,
  hangingMan,
  shootingStar,
  engulfing,
  harami,
  morningStar,
  eveningStar,
  threeWhiteSoldiers,
  threeBlackCrows,
];

/** Which way a pattern points; a doji points nowhere. */
export type PatternDirection = 'bullish' | 'bearish' | 'neutral';

/** One detected pattern. */
export interface PatternHit {
  pattern: PatternName;
  direction: PatternDirection;
  /** TA-Lib's grade: 100, or 80 for an engulfing or harami whose bodies match on one end. */
  strength: 100 | 80;
  /** The bar the pattern completes on (its last candle). */
  index: number;
  t: EpochMs;
  /** The candles that form the pattern, oldest first. */
  bars: { index: number; t: EpochMs }[];
}

/**
 * Runs the pattern rules over bars (oldest first) or their columns; hits are ordered by bar, then rule. With
 * `fromIndex`, only the patterns completing on bar `fromIndex` or later: the same hits as the whole run's from
 * there on (a rule reads no candle more than its lookback before the bar it reports on), for a fraction of the work.
 */
export function detectPatterns(input: readonly Bar[] | BarColumns, rules: readonly PatternRule[] = PATTERN_RULES, fromIndex = 0): PatternHit[] {
  const columns = asColumns(input);
  const from = Math.max(0, fromIndex);
  let reach = 0;
  for (const rule of rules) reach = Math.max(reach, rule.lookback);
  const ctx = candleContext(columns, from - reach);
  const hits: PatternHit[] = [];
  // Bars outside, rules inside: hits come out ordered by bar, then by rule, with no sort.
  for (let i = from; i < columns.length; i++) {
    for (const rule of rules) {
      if (i < rule.lookback) continue;
      const score = rule.score(ctx, i);
      if (score !== 0) hits.push(hitOf(rule, score, i, columns.t));
    }
  }
  return hits;
}

/** A short label for output: the pattern's name, prefixed by its direction where the name does not say it. */
export function patternLabel(hit: PatternHit): string {
  return hit.pattern === 'engulfing' || hit.pattern === 'harami' ? `${hit.direction}-${hit.pattern}` : hit.pattern;
}

/** Labels of the patterns completing on each bar, aligned with the bars. */
export function patternLabelsByBar(hits: readonly PatternHit[], length: number): string[][] {
  const out: string[][] = Array.from({ length }, () => []);
  for (const hit of hits) out[hit.index]?.push(patternLabel(hit));
  return out;
}

function hitOf(rule: PatternRule, score: number, index: number, t: Float64Array): PatternHit {
  const direction: PatternDirection = rule.name === 'doji' ? 'neutral' : score > 0 ? 'bullish' : 'bearish';
  const bars = [];
  for (let k = index - rule.candles + 1; k <= index; k++) bars.push({ index: k, t: t[k]! });
  return { pattern: rule.name, direction, strength: Math.abs(score) === 80 ? 80 : 100, index, t: t[index]!, bars };
}
