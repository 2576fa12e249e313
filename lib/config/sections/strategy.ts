import * as z from 'zod/mini';
import { int, num } from './shared.ts';

/**
 * The strategy's tunable settings (lib/strategy/decide, lib/strategy/scanner). Defaults are the hand-chosen
 * values the strategy shipped with; the research parameter space (lib/config/parameter-space.ts) stays
 * inside these bounds, so a study never tries what live trading would refuse.
 */
export const strategyEnv = {
  /** Signal score (0..1) a trade needs. */
  STRATEGY_MIN_SCORE: z._default(num(0.05, 1), 0.55),
  /** Initial stop distance in one-minute ATR(14)s when no setup level is closer. */
  STRATEGY_STOP_ATR: z._default(num(0.25, 10), 2),
  /** Take profit at this many R (multiples of the stop distance). */
  STRATEGY_REWARD_RISK: z._default(num(0.5, 10), 2),
  /** Weights of the signal's components; they are normalised by their sum, which must be positive. */
  STRATEGY_WEIGHT_NEWS: z._default(num(0, 1), 0.4),
  STRATEGY_WEIGHT_SETUP: z._default(num(0, 1), 0.25),
  STRATEGY_WEIGHT_PATTERN: z._default(num(0, 1), 0.1),
  STRATEGY_WEIGHT_TREND: z._default(num(0, 1), 0.25),
  /** The scanner's news decay: a story's weight halves every this many minutes. */
  SCANNER_NEWS_HALF_LIFE_MINUTES: z._default(int(5, 1440), 90),
  /** Catalyst scores weaker than this (absolute, 0..1) make no candidate. */
  SCANNER_MIN_CATALYST: z._default(num(0, 1), 0.05),
};
