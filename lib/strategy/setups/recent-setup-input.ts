import type { EpochMs } from '../../domain/time.ts';
import type { BarColumns } from '../indicators/bar-columns.ts';
import { newYorkDays } from '../indicators/new-york-days.ts';
import { emptySeries } from '../indicators/series.ts';
import { sessionVwap } from '../indicators/volume.ts';
import type { SetupInput } from './setup-hit.ts';
import { aroundTheClockDays, firstAtOrAfter, tradingDays } from './trading-days.ts';

/**
 * Setup input for the hits confirmed at or after `since` only: every setup lives within one day and fires in
 * its session, so only the days from the one holding the first bar at or after `since` are split and given a
 * VWAP, and the trading day before them is kept for gap-and-go's previous close. detectSetups on it, filtered
 * to t ≥ since, gives exactly the hits of setupInput's whole run filtered the same way (hits of the first day
 * before `since` may appear and are filtered out).
 */
export function recentSetupInput(bars: BarColumns, since: EpochMs, aroundTheClock = false): SetupInput {
  const { t } = bars;
  const first = firstAtOrAfter(t, 0, bars.length, since);
  const splitDays = aroundTheClock ? aroundTheClockDays : tradingDays;
  if (first === bars.length) return { bars, days: [], vwap: emptySeries(bars.length) };
  if (first === 0) return { bars, days: splitDays(t), vwap: sessionVwap(bars) };
  let dayStart = bars.length;
  for (const day of newYorkDays(t)) {
    if (day.to > first) {
      dayStart = day.from;
      break;
    }
  }
  return {
    bars,
    days: splitDays(t, dayStart),
    vwap: sessionVwap(bars, dayStart),
    previousDay: dayStart > 0 ? splitDays(t.subarray(0, dayStart)).at(-1) : undefined,
  };
}
