import { indicatorsAt, type IndicatorSet, type IndicatorValues } from './indicators/indicator-set.ts';

/** What the price is doing: trending up or down, ranging, or too volatile to call; unknown before warm-up. */
export type Regime = 'trending-up' | 'trending-down' | 'ranging' | 'volatile' | 'unknown';

/** Where the regimes split; the values depend on the bar timeframe, see the presets. */
export interface RegimeThresholds {
  /** ADX(14) at or above this is a trend (Wilder's 25). */
  trendAdx: number;
  /** ATR(14) / close, in percent, at or above this is volatile. */
  volatileAtrPercent: number;
  /** Bollinger(20, 2) width (upper − lower) / middle, in percent, at or above this is volatile. */
  volatileBandWidthPercent: number;
}

/**
 * Daily bars. Measured on 88 large US stocks, 2012–2017 (../shared/data/bars/daily): ATR% median 1.5, 90th
 * percentile 2.4; band width median 6.4 %, 90th percentile 13.5 %; ADX 75th percentile 28.
 */
export const DAILY_REGIME_THRESHOLDS: RegimeThresholds = {
  trendAdx: 25,
  volatileAtrPercent: 3,
  volatileBandWidthPercent: 15,
};

/**
 * One-minute bars. Measured (../shared/data/bars/minute): ATR% 90th percentile 0.04–0.09 for AAPL, MSFT, SPY,
 * 0.16 for TSLA, 0.36 for the small cap SRNE (median 0.19); band width 90th percentile 0.3–0.75 % for the large
 * caps, 3.3 % for SRNE (median 1.5 %).
 */
export const MINUTE_REGIME_THRESHOLDS: RegimeThresholds = {
  trendAdx: 25,
  volatileAtrPercent: 0.25,
  volatileBandWidthPercent: 2,
};

/** The indicator values a regime is judged from (null where not warmed up). */
export interface RegimeInputs {
  close: number | null;
  adx: number | null;
  plusDi: number | null;
  minusDi: number | null;
  atr: number | null;
  bbUpper: number | null;
  bbMiddle: number | null;
  bbLower: number | null;
}

/** A regime with the inputs and thresholds it was judged from, and why, for the decision record. */
export interface RegimeReading {
  regime: Regime;
  trend: 'up' | 'down' | 'none' | null;
  volatile: boolean | null;
  inputs: {
    adx: number | null;
    plusDi: number | null;
    minusDi: number | null;
    atrPercent: number | null;
    bandWidthPercent: number | null;
  };
  thresholds: RegimeThresholds;
  reasons: string[];
}

/**
 * Classifies one symbol. volatile: ATR% ≥ volatileAtrPercent or band width ≥ volatileBandWidthPercent. trend:
 * ADX ≥ trendAdx, up when +DI > −DI, down when −DI > +DI, otherwise none. The regime is volatile when volatile
 * (it decides risk first), else trending-up/down when trending, else ranging; unknown when an input is missing.
 */
export function classifyRegime(inputs: RegimeInputs, thresholds: RegimeThresholds): RegimeReading {
  const { close, adx, plusDi, minusDi, atr, bbUpper, bbMiddle, bbLower } = inputs;
  const atrPercent = atr !== null && close !== null && close > 0 ? (atr / close) * 100 : null;
  const bandWidthPercent =
    bbUpper !== null && bbLower !== null && bbMiddle !== null && bbMiddle > 0 ? ((bbUpper - bbLower) / bbMiddle) * 100 : null;
  const reading: RegimeReading = {
    regime: 'unknown',
    trend: null,
    volatile: null,
    inputs: { adx, plusDi, minusDi, atrPercent, bandWidthPercent },
    thresholds,
    reasons: [],
  };
  if (adx === null || plusDi === null || minusDi === null || atrPercent === null || bandWidthPercent === null) {
    reading.reasons.push('not enough bars: ADX, ATR or Bollinger bands have no value yet');
    return reading;
  }
  const r = (x: number) => x.toFixed(2);
  const { volatileAtrPercent: atrLimit, volatileBandWidthPercent: widthLimit } = thresholds;
  reading.volatile = atrPercent >= atrLimit || bandWidthPercent >= widthLimit;
  const measures = `ATR ${r(atrPercent)} % of price (limit ${atrLimit}), band width ${r(bandWidthPercent)} % (limit ${widthLimit})`;
  reading.reasons.push(`${reading.volatile ? 'volatile' : 'calm'}: ${measures}`);
  const trending = adx >= thresholds.trendAdx && plusDi !== minusDi;
  reading.trend = !trending ? 'none' : plusDi > minusDi ? 'up' : 'down';
  reading.reasons.push(
    trending
      ? `trend ${reading.trend}: ADX ${r(adx)} ≥ ${thresholds.trendAdx}, +DI ${r(plusDi)} vs −DI ${r(minusDi)}`
      : `no trend: ADX ${r(adx)} < ${thresholds.trendAdx}${adx >= thresholds.trendAdx ? ' or +DI = −DI' : ''}`,
  );
  if (reading.volatile) reading.regime = 'volatile';
  else reading.regime = reading.trend === 'up' ? 'trending-up' : reading.trend === 'down' ? 'trending-down' : 'ranging';
  return reading;
}

/** The regime inputs at bar `index` of a computed indicator set. */
export function regimeInputsAt(set: IndicatorSet, close: ArrayLike<number>, index: number): RegimeInputs {
  return regimeInputsOf(indicatorsAt(set, index), close[index] ?? null);
}

/** The regime inputs among one bar's indicator values, with that bar's close. */
export function regimeInputsOf(values: IndicatorValues, close: number | null): RegimeInputs {
  return {
    close,
    adx: values.adx14,
    plusDi: values.plusDi14,
    minusDi: values.minusDi14,
    atr: values.atr14,
    bbUpper: values.bbUpper,
    bbMiddle: values.bbMiddle,
    bbLower: values.bbLower,
  };
}

/** The market's regime, with how many symbols are in each regime. */
export interface MarketRegimeReading {
  regime: Regime;
  breadth: Record<Regime, number>;
  benchmark: RegimeReading | null;
  reasons: string[];
}

/**
 * Classifies the market. With a benchmark reading (e.g. SPY's) that is known, the market's regime is the
 * benchmark's. Without one, it is the most common regime among the symbols whose regime is known; a tie, or no
 * known symbol, gives ranging and unknown respectively. Breadth counts every symbol's regime either way.
 */
export function classifyMarketRegime(
  symbols: readonly RegimeReading[],
  benchmark: RegimeReading | null = null,
): MarketRegimeReading {
  const breadth: Record<Regime, number> = { 'trending-up': 0, 'trending-down': 0, ranging: 0, volatile: 0, unknown: 0 };
  for (const s of symbols) breadth[s.regime]++;
  const summary =
    `breadth: ${breadth['trending-up']} up, ${breadth['trending-down']} down, ${breadth.ranging} ranging, ` +
    `${breadth.volatile} volatile, ${breadth.unknown} unknown`;
  if (benchmark && benchmark.regime !== 'unknown') {
    return { regime: benchmark.regime, breadth, benchmark, reasons: [`benchmark is ${benchmark.regime}`, summary] };
  }
  const known = (['trending-up', 'trending-down', 'ranging', 'volatile'] as const).map((r) => [r, breadth[r]] as const);
  const top = Math.max(...known.map(([, n]) => n));
  const leaders = known.filter(([, n]) => n === top);
  const regime: Regime = top === 0 ? 'unknown' : leaders.length > 1 ? 'ranging' : leaders[0]![0];
  const why =
    top === 0 ? 'no symbol has a known regime' : leaders.length > 1 ? 'no single most common regime' : `most symbols are ${regime}`;
  return { regime, breadth, benchmark, reasons: [why, summary] };
}
