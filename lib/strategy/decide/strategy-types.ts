import type { EpochMs } from '../../domain/time.ts';
import type { IndicatorValues } from '../indicators/indicator-set.ts';
import type { RegimeReading } from '../regime.ts';

/** A candle pattern or setup seen on the recent bars (as patterns/detect reports it). */
export interface Detection {
  name: string;
  kind: 'pattern' | 'setup';
  direction: 'bullish' | 'bearish' | 'neutral' | 'long' | 'short';
  /** When the detection was confirmed (its last bar's start). */
  t: EpochMs;
  /** Key price levels of a setup (range low, VWAP, flag low ...), USD. */
  levels: Record<string, number>;
}

/** The news context the scanner found (its candidate). */
export interface NewsContext {
  catalystScore: number;
  catalystType: string | null;
  blocksLong: boolean;
  newestAgeMinutes: number;
  newsItemIds: number[];
  storyIds: number[];
  headline: string | null;
}

/** Everything `decide` reads: pure inputs, no I/O. */
export interface StrategySnapshot {
  symbol: string;
  now: EpochMs;
  /** Close of the last completed bar, USD. */
  price: number;
  lastBarT: EpochMs;
  barCount: number;
  indicators: IndicatorValues;
  regime: RegimeReading;
  detections: readonly Detection[];
  news: NewsContext;
  shortable: boolean;
}

export interface StrategyParams {
  /** Signals below this score are not traded. */
  minScore: number;
  /** Detections older than this many minutes no longer count. */
  detectionMaxAgeMinutes: number;
  /** Without a day-trading setup there is no entry, whatever the news. */
  requireSetup: boolean;
  /** Initial stop distance in ATRs (one-minute ATR(14)), when no setup level is closer. */
  stopAtr: number;
  /** Take-profit at this many R. */
  rewardRisk: number;
  allowShorts: boolean;
  weights: { news: number; setup: number; pattern: number; trend: number };
}

export const DEFAULT_STRATEGY: StrategyParams = {
  minScore: 0.55,
  detectionMaxAgeMinutes: 5,
  requireSetup: true,
  stopAtr: 2,
  rewardRisk: 2,
  allowShorts: false,
  weights: { news: 0.4, setup: 0.25, pattern: 0.1, trend: 0.25 },
};

export interface SignalComponent {
  name: 'news' | 'setup' | 'pattern' | 'trend';
  /** In [-1, 1] from the long side's view. */
  value: number;
  why: string;
}

/** A scored decision with its plain-language explanation and the inputs it used. */
export interface Signal {
  symbol: string;
  direction: 'long' | 'short' | 'none';
  score: number;
  explanation: string;
  components: SignalComponent[];
  /** For a trade: where it enters, where it is wrong, where it takes profit (USD). */
  plan: { entry: number; stop: number; target: number; riskPerUnitUsd: number; stopBasis: string } | null;
  /** The bars the strategy needs before it may decide. */
  warmupBars: number;
}
