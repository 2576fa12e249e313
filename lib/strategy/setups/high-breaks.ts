import { highestHigh, part, volumeSum, type SetupHit, type SetupInput } from './setup-hit.ts';

export interface DayHighBreakOptions {
  /** Bars the day's high must have held (bars between the high and the break, the high's own bar counted). */
  minBarsSinceHigh: number;
}

export const DEFAULT_DAY_HIGH_BREAK: DayHighBreakOptions = { minBarsSinceHigh: 5 };

/**
 * Break of the pre-market high. The pre-market high is the highest high of the day's pre-market bars
 * (04:00–09:30 ET); a day without pre-market bars has none. The trigger is the first regular-session bar that
 * closes above it; at most one per day. Levels: premarketHigh, premarketVolume (shares), close.
 */
export function detectPremarketHighBreaks(input: SetupInput): SetupHit[] {
  const { bars } = input;
  const hits: SetupHit[] = [];
  for (const day of input.days) {
    const pre = day.premarket;
    if (pre.to === pre.from) continue;
    const premarketHigh = highestHigh(bars, pre.from, pre.to);
    for (let i = day.regular.from; i < day.regular.to; i++) {
      if (!(bars.close[i]! > premarketHigh)) continue;
      hits.push({
        setup: 'premarket-high-break',
        direction: 'long',
        index: i,
        t: bars.t[i]!,
        parts: [part(bars, 'premarket', pre.from, pre.to - 1), part(bars, 'breakout', i, i)],
        levels: { premarketHigh, premarketVolume: volumeSum(bars, pre.from, pre.to), close: bars.close[i]! },
      });
      break;
    }
  }
  return hits;
}

/**
 * Break of the day's high. At a regular-session bar i, the day's high is the highest high of the day's earlier
 * regular-session bars (pre-market excluded), set last by bar h. The trigger is bar i closing above that high when
 * i − h ≥ minBarsSinceHigh, i.e. the high held for a while (a consolidation, not a bar-by-bar rally). Each high
 * is broken once: the break sets the next one. Levels: dayHigh, close.
 */
export function detectDayHighBreaks(input: SetupInput, options: DayHighBreakOptions = DEFAULT_DAY_HIGH_BREAK): SetupHit[] {
  const { bars } = input;
  const hits: SetupHit[] = [];
  for (const day of input.days) {
    const { from, to } = day.regular;
    if (to - from < 2) continue;
    let dayHigh = bars.high[from]!;
    let highIndex = from;
    for (let i = from + 1; i < to; i++) {
      if (bars.close[i]! > dayHigh && i - highIndex >= options.minBarsSinceHigh) {
        hits.push({
          setup: 'day-high-break',
          direction: 'long',
          index: i,
          t: bars.t[i]!,
          parts: [
            part(bars, 'day-high', highIndex, highIndex),
            ...(i - highIndex > 1 ? [part(bars, 'consolidation', highIndex + 1, i - 1)] : []),
            part(bars, 'breakout', i, i),
          ],
          levels: { dayHigh, close: bars.close[i]! },
        });
      }
      if (bars.high[i]! >= dayHigh) {
        dayHigh = bars.high[i]!;
        highIndex = i;
      }
    }
  }
  return hits;
}
