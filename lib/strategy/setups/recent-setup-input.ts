import type { EpochMs } from '../../domain/time.ts';
import type { BarColumns } from '../indicators/bar-columns.ts';
import { newYorkDays, type NewYorkDay } from '../indicators/new-york-days.ts';
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
  if (first === bars.length) return { bars, days: [], vwap: emptySeries(bars.length) };
  // One walk over the New York days (a date each) for the split, the VWAP and the day before.
  const all = newYorkDays(t);
  const k = all.findIndex((day) => day.to > first);
  const recent = all.slice(k);
  const split = (days: readonly NewYorkDay[]) => (aroundTheClock ? aroundTheClockDays(t, days) : tradingDays(t, days));
  return { bars, days: split(recent), vwap: sessionVwap(bars, recent), ...(k > 0 ? { previousDay: split(all.slice(0, k)).at(-1) } : {}) };
}
