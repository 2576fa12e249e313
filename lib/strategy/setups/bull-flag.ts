import type { BarColumns } from '../indicators/bar-columns.ts';
import { part, volumeSum, type SetupHit, type SetupInput } from './setup-hit.ts';

export interface BullFlagOptions {
  minPoleBars: number;
  maxPoleBars: number;
  /** Minimum pole rise, (pole high − pole low) / pole low, in percent. */
  minPoleRisePercent: number;
  /** Pole mean volume ≥ this × mean volume of the (up to 20) bars before the pole. */
  poleVolumeRatio: number;
  minFlagBars: number;
  maxFlagBars: number;
  /** The flag may give back at most this fraction of the pole's rise. */
  maxRetracement: number;
  /** Flag mean volume ≤ this × pole mean volume (volume contracts). */
  flagVolumeRatio: number;
}

export const DEFAULT_BULL_FLAG: BullFlagOptions = {
  minPoleBars: 3,
  maxPoleBars: 10,
  minPoleRisePercent: 2,
  poleVolumeRatio: 1.5,
  minFlagBars: 2,
  maxFlagBars: 10,
  maxRetracement: 0.5,
  flagVolumeRatio: 0.75,
};

// How many bars before the pole its volume is compared with.
const BASELINE_BARS = 20;

/**
 * Bull flag: a sharp rise on volume (pole), a shallow pause on shrinking volume (flag), then a close above the
 * pause (breakout). All its bars lie in one trading day's pre-market and regular session; the breakout bar is in
 * the regular session. Precisely, with bars a..b the pole and f the breakout:
 * - pole: a is the bar with the lowest low (the nearest to b on ties) among the up to maxPoleBars bars ending at
 *   b, counting back no further than the last bar with a high above high[b]; b−a+1 ≥ minPoleBars;
 *   close[b] > open[a]; rise = high[b] − low[a] ≥ minPoleRisePercent % of low[a]; mean pole volume ≥
 *   poleVolumeRatio × mean volume of the up to 20 bars of the day before a (not checked when there are none);
 *   every bar b with high[b+1] ≤ high[b] is tried as a pole top, and the search resumes after each breakout;
 * - flag: bars b+1..f−1, between minFlagBars and maxFlagBars of them, no high above high[b], no low below
 *   high[b] − maxRetracement × rise;
 * - breakout: f is the first bar after at least minFlagBars flag bars to close above the flag's highest high. It
 *   completes the setup when its volume is above the flag's mean volume and the flag's mean volume is at most
 *   flagVolumeRatio × the pole's; otherwise that pole gives no setup. A bar above high[b] that does not close above
 *   the flag, a low below the floor, or more than maxFlagBars flag bars also end the search.
 * Levels: poleLow, poleHigh, flagHigh, flagLow, close, target = close + rise (the measured move).
 */
export function detectBullFlags(input: SetupInput, options: BullFlagOptions = DEFAULT_BULL_FLAG): SetupHit[] {
  const hits: SetupHit[] = [];
  for (const day of input.days) {
    const from = day.premarket.from;
    for (const hit of detectBullFlagsIn(input.bars, from, day.regular.to, options)) {
      if (hit.index >= day.regular.from) hits.push(hit);
    }
  }
  return hits;
}

/** Bull flags whose bars all lie in [from, to) of any bar series (e.g. daily bars). */
export function detectBullFlagsIn(
  bars: BarColumns,
  from: number,
  to: number,
  options: BullFlagOptions = DEFAULT_BULL_FLAG,
): SetupHit[] {
  const { open, high, low, close, volume } = bars;
  const hits: SetupHit[] = [];
  for (let b = from + options.minPoleBars - 1; b < to - options.minFlagBars - 1; b++) {
    if (high[b + 1]! > high[b]!) continue; // the flag's first bar must not exceed the pole's top
    let a = -1;
    let poleLow = Number.POSITIVE_INFINITY;
    for (let k = b; k >= from && b - k < options.maxPoleBars; k--) {
      if (high[k]! > high[b]!) break;
      const longEnough = b - k + 1 >= options.minPoleBars;
      if (low[k]! < poleLow) {
        poleLow = low[k]!;
        a = longEnough ? k : -1;
      } else if (low[k] === poleLow && a < 0 && longEnough) {
        a = k;
      }
    }
    if (a < 0 || !(close[b]! > open[a]!)) continue;
    const rise = high[b]! - poleLow;
    if (rise < (options.minPoleRisePercent / 100) * poleLow) continue;
    const poleMeanVolume = volumeSum(bars, a, b + 1) / (b - a + 1);
    const baselineFrom = Math.max(from, a - BASELINE_BARS);
    const baselineMeanVolume = a > baselineFrom ? volumeSum(bars, baselineFrom, a) / (a - baselineFrom) : 0;
    if (poleMeanVolume < options.poleVolumeRatio * baselineMeanVolume) continue;

    const floor = high[b]! - options.maxRetracement * rise;
    let flagHigh = Number.NEGATIVE_INFINITY;
    let flagLow = Number.POSITIVE_INFINITY;
    let flagVolume = 0;
    for (let j = b + 1; j < to; j++) {
      const flagBars = j - b - 1;
      if (flagBars >= options.minFlagBars && close[j]! > flagHigh) {
        const flagMeanVolume = flagVolume / flagBars;
        if (flagMeanVolume <= options.flagVolumeRatio * poleMeanVolume && volume[j]! > flagMeanVolume) {
          hits.push({
            setup: 'bull-flag',
            direction: 'long',
            index: j,
            t: bars.t[j]!,
            parts: [part(bars, 'pole', a, b), part(bars, 'flag', b + 1, j - 1), part(bars, 'breakout', j, j)],
            levels: { poleLow, poleHigh: high[b]!, flagHigh, flagLow, close: close[j]!, target: close[j]! + rise },
          });
          b = j; // a flag's bars cannot start another pole
        }
        break;
      }
      if (high[j]! > high[b]! || low[j]! < floor || flagBars + 1 > options.maxFlagBars) break;
      flagHigh = Math.max(flagHigh, high[j]!);
      flagLow = Math.min(flagLow, low[j]!);
      flagVolume += volume[j]!;
    }
  }
  return hits;
}
