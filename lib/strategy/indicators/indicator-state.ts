import { adxState, adxStep, type AdxState } from './adx.ts';
import { atrState, atrStep, type AtrState } from './atr.ts';
import type { BarColumns } from './bar-columns.ts';
import { bollingerState, bollingerStep, type BollingerState } from './bollinger.ts';
import type { IndicatorValues } from './indicator-set.ts';
import { macdState, macdStep, type MacdState } from './macd.ts';
import { emaStep, smaAt } from './moving-averages.ts';
import { rsiState, rsiStep, type RsiState } from './rsi.ts';
import { obvStep, vwapState, vwapStep, type VwapState } from './volume.ts';

/**
 * The bot's indicator set (computeIndicators, same periods) carried bar by bar: after consuming bars 0..n−1 it
 * holds what the whole-series computation holds at bar n−1, every value equal to the last bit, because each
 * indicator's step is the very function its whole-series form runs (the steps in adx.ts, atr.ts, …). Consuming
 * only the new bars of a series that grew is what makes technical/signals incremental (technicals-cache.ts).
 * Plain data: whoever keeps one decides whether the bars it is given continue the ones it consumed.
 */
export interface IndicatorState {
  /** Bars consumed. */
  length: number;
  ema10: number;
  ema20: number;
  macd: MacdState;
  rsi: RsiState;
  atr: AtrState;
  adx: AdxState;
  bb: BollingerState;
  obv: number;
  vwap: VwapState;
}

/** A state that has consumed no bar. */
export function indicatorState(): IndicatorState {
  return {
    length: 0,
    ema10: Number.NaN,
    ema20: Number.NaN,
    macd: macdState(),
    rsi: rsiState(),
    atr: atrState(),
    adx: adxState(),
    bb: bollingerState(),
    obv: Number.NaN,
    vwap: vwapState(),
  };
}

/** Consumes bars[state.length .. to−1]; `bars` must begin with the very bars the state consumed before. */
export function advanceIndicators(state: IndicatorState, bars: BarColumns, to = bars.length): void {
  const { high, low, close, volume } = bars;
  for (let i = state.length; i < to; i++) {
    state.ema10 = emaStep(close, i, 10, 9, state.ema10);
    state.ema20 = emaStep(close, i, 20, 19, state.ema20);
    macdStep(state.macd, close, i, 12, 26, 9);
    bollingerStep(state.bb, close, i, 20, 2);
    state.obv = obvStep(state.obv, close, volume, i);
    vwapStep(state.vwap, bars, i);
    if (i === 0) continue;
    rsiStep(state.rsi, close, i, 14);
    atrStep(state.atr, high, low, close, i, 14);
    adxStep(state.adx, high, low, close, i, 14);
  }
  if (to > state.length) state.length = to;
}

/** The indicator values at the last bar the state consumed (`bars`: the series it consumed), as latestIndicators gives them. */
export function stateIndicators(state: IndicatorState, bars: BarColumns): IndicatorValues {
  const n = state.length;
  const { macd, bb, adx } = state;
  // Key order as indicatorsAt's (INDICATOR_NAMES): the values are stored, and compared, as JSON.
  return {
    sma20: n >= 20 ? smaAt(bars.close, n - 1, 20) : null,
    ema10: orNull(state.ema10),
    ema20: orNull(state.ema20),
    rsi14: orNull(state.rsi.value),
    macd: orNull(macd.macd),
    macdSignal: orNull(macd.signal),
    macdHistogram: orNull(macd.histogram),
    bbUpper: orNull(bb.upper),
    bbMiddle: orNull(bb.middle),
    bbLower: orNull(bb.lower),
    atr14: orNull(state.atr.value),
    adx14: orNull(adx.adx),
    plusDi14: orNull(adx.plusDi),
    minusDi14: orNull(adx.minusDi),
    vwap: orNull(state.vwap.value),
    obv: orNull(state.obv),
  };
}

function orNull(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}
