import { MINUTE_MS, type IsoDate } from '../../domain/time.ts';
import { previousTradingDay } from '../../domain/calendar/nyse-calendar.ts';
import { highestHigh, part, volumeSum, type SetupHit, type SetupInput } from './setup-hit.ts';
import type { TradingDay } from './trading-days.ts';

export interface GapAndGoOptions {
  /** Minimum gap from the previous close to the day's first regular-session open, in percent. */
  minGapPercent: number;
  /** Minimum pre-market volume, in shares. */
  minPremarketVolume: number;
  /** The break must come from a bar starting within this many minutes of 09:30 ET. */
  entryWindowMinutes: number;
  /** Previous regular-session closes by date, for days whose previous session is not among the bars. */
  previousCloses?: Readonly<Record<IsoDate, number>>;
}

export const DEFAULT_GAP_AND_GO: GapAndGoOptions = { minGapPercent: 4, minPremarketVolume: 100_000, entryWindowMinutes: 15 };

/**
 * Gap-and-go: a stock that opens well above yesterday's close on pre-market interest and takes out its
 * pre-market high right after the open. For each trading day:
 * - previous close: `previousCloses[date]` when given, else the close of the last regular-session bar of the
 *   previous NYSE trading day if the bars include that day (no previous close, no setup);
 * - gap = (open of the day's first regular-session bar − previous close) / previous close ≥ minGapPercent;
 * - pre-market volume (bars starting 04:00–09:30 ET) ≥ minPremarketVolume; pre-market high = their highest high;
 * - trigger: the first regular-session bar starting before 09:30 + entryWindowMinutes that closes above the
 *   pre-market high. At most one per day.
 * Levels: previousClose, gapPercent, open, premarketHigh, premarketVolume, close.
 */
export function detectGapAndGo(input: SetupInput, options: GapAndGoOptions = DEFAULT_GAP_AND_GO): SetupHit[] {
  const { bars, days } = input;
  const hits: SetupHit[] = [];
  days.forEach((day, k) => {
    const pre = day.premarket;
    const { from, to } = day.regular;
    const previousClose = options.previousCloses?.[day.date] ?? lastRegularClose(input, day, k === 0 ? input.previousDay : days[k - 1]);
    if (previousClose === null || pre.to === pre.from || from === to) return;
    const open = bars.open[from]!;
    const gapPercent = ((open - previousClose) / previousClose) * 100;
    const premarketVolume = volumeSum(bars, pre.from, pre.to);
    if (gapPercent < options.minGapPercent || premarketVolume < options.minPremarketVolume) return;
    const premarketHigh = highestHigh(bars, pre.from, pre.to);
    const windowEnd = day.calendar.open + options.entryWindowMinutes * MINUTE_MS;
    for (let i = from; i < to && bars.t[i]! < windowEnd; i++) {
      if (!(bars.close[i]! > premarketHigh)) continue;
      hits.push({
        setup: 'gap-and-go',
        direction: 'long',
        index: i,
        t: bars.t[i]!,
        parts: [part(bars, 'premarket', pre.from, pre.to - 1), part(bars, 'breakout', i, i)],
        levels: { previousClose, gapPercent, open, premarketHigh, premarketVolume, close: bars.close[i]! },
      });
      return;
    }
  });
  return hits;
}

// Only the session right before counts: with a hole in the data, the last close seen is not the previous close.
function lastRegularClose(input: SetupInput, day: TradingDay, before: TradingDay | undefined): number | null {
  if (!before || before.date !== previousTradingDay(day.date).date || before.regular.to === before.regular.from) return null;
  return input.bars.close[before.regular.to - 1]!;
}
