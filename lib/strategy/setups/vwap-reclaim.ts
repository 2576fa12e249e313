import { lowestLow, part, volumeSum, type SetupHit, type SetupInput } from './setup-hit.ts';

export interface VwapReclaimOptions {
  /** Consecutive regular-session closes below VWAP required before the reclaim. */
  minBarsBelow: number;
  /** The reclaim bar's volume must be ≥ this × the mean volume of the bars below VWAP. */
  minVolumeRatio: number;
}

export const DEFAULT_VWAP_RECLAIM: VwapReclaimOptions = { minBarsBelow: 5, minVolumeRatio: 1 };

/**
 * VWAP reclaim, in the regular session, against the session VWAP (restarting each New York day): bar i closes
 * above its VWAP after at least minBarsBelow consecutive regular-session bars of the same day closed below
 * theirs, and bar i's volume is ≥ minVolumeRatio × the mean volume of that run. May happen more than once a day,
 * each after a new run below. Levels: vwap (at bar i), runLow (lowest low of the run below, a natural stop), close.
 */
export function detectVwapReclaims(input: SetupInput, options: VwapReclaimOptions = DEFAULT_VWAP_RECLAIM): SetupHit[] {
  const { bars, vwap } = input;
  const hits: SetupHit[] = [];
  for (const day of input.days) {
    let runStart = -1;
    for (let i = day.regular.from; i < day.regular.to; i++) {
      const v = vwap[i]!;
      if (Number.isNaN(v)) {
        runStart = -1;
        continue;
      }
      const close = bars.close[i]!;
      if (close < v) {
        if (runStart < 0) runStart = i;
        continue;
      }
      const runBars = runStart < 0 ? 0 : i - runStart;
      if (close > v && runBars >= options.minBarsBelow) {
        const runMeanVolume = volumeSum(bars, runStart, i) / runBars;
        if (bars.volume[i]! >= options.minVolumeRatio * runMeanVolume) {
          hits.push({
            setup: 'vwap-reclaim',
            direction: 'long',
            index: i,
            t: bars.t[i]!,
            parts: [part(bars, 'below-vwap', runStart, i - 1), part(bars, 'reclaim', i, i)],
            levels: { vwap: v, runLow: lowestLow(bars, runStart, i), close },
          });
        }
      }
      runStart = -1;
    }
  }
  return hits;
}
