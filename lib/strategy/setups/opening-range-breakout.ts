import { MINUTE_MS } from '../../domain/time.ts';
import { firstAtOrAfter } from './trading-days.ts';
import { highestHigh, lowestLow, part, type SetupHit, type SetupInput } from './setup-hit.ts';

export interface OpeningRangeOptions {
  /** Length of the opening range after the 09:30 ET open, in minutes. */
  rangeMinutes: number;
}

export const DEFAULT_OPENING_RANGE: OpeningRangeOptions = { rangeMinutes: 15 };

/**
 * Opening-range breakout. The opening range of a trading day is every regular-session bar that starts in
 * [09:30, 09:30 + rangeMinutes) ET; its high and low are the highest high and lowest low of those bars. The range
 * is complete once a regular-session bar starts at or after 09:30 + rangeMinutes. Long: the first later
 * regular-session bar that closes above the range high. Short: the first later regular-session bar that closes
 * below the range low. At most one of each per day. Levels: rangeHigh, rangeLow, close (of the trigger bar).
 */
export function detectOpeningRangeBreakouts(input: SetupInput, options: OpeningRangeOptions = DEFAULT_OPENING_RANGE): SetupHit[] {
  const { bars } = input;
  const hits: SetupHit[] = [];
  for (const day of input.days) {
    const { from, to } = day.regular;
    const rangeEnd = firstAtOrAfter(bars.t, from, to, day.calendar.open + options.rangeMinutes * MINUTE_MS);
    if (rangeEnd === from || rangeEnd === to) continue;
    const rangeHigh = highestHigh(bars, from, rangeEnd);
    const rangeLow = lowestLow(bars, from, rangeEnd);
    let long = false;
    let short = false;
    for (let i = rangeEnd; i < to && !(long && short); i++) {
      const close = bars.close[i]!;
      const direction = !long && close > rangeHigh ? 'long' : !short && close < rangeLow ? 'short' : null;
      if (!direction) continue;
      if (direction === 'long') long = true;
      else short = true;
      hits.push({
        setup: 'opening-range-breakout',
        direction,
        index: i,
        t: bars.t[i]!,
        parts: [part(bars, 'opening-range', from, rangeEnd - 1), part(bars, 'breakout', i, i)],
        levels: { rangeHigh, rangeLow, close },
      });
    }
  }
  return hits;
}
