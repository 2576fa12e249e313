import type { Bar } from '../../domain/market.ts';
import type { EpochMs, IsoDate } from '../../domain/time.ts';
import { newYorkDate } from '../../domain/calendar/new-york-time.ts';
import { mergeBars } from '../sim/market/bar-aggregation.ts';
import { midnightOf } from '../sim/market/feed-history.ts';
import type { SymbolBar } from '../sim/sim-feed.ts';
import { barEndFor } from './replay-bars.ts';
import { countsInDay } from './chunk-day-bars.ts';
import { upperBound } from './session-chunk.ts';

/** One symbol's daily context bars (held whole: a few dozen per symbol), with their starts and ends. */
export interface ContextSeries {
  bars: readonly Bar[];
  starts: Float64Array;
  ends: Float64Array;
  /** The New York date each bar starts on (ascending, as the starts). */
  dates: readonly IsoDate[];
}

/** The context bars of every symbol, and all of them in (end, symbol) order for barsBetween. */
export interface StreamContext {
  series: (ContextSeries | undefined)[];
  timeline: { ends: Float64Array; items: readonly SymbolBar[] };
}

/** Builds the context of sorted `symbols` from their daily bars (bars are sorted by time here). */
export function buildContext(symbols: readonly string[], context: ReadonlyMap<string, readonly Bar[]>): StreamContext {
  const series = symbols.map((symbol): ContextSeries | undefined => {
    const given = context.get(symbol);
    if (!given?.length) return undefined;
    const bars = [...given].sort((a, b) => a.t - b.t);
    const endOf = barEndFor(symbol, '1Day');
    return { bars, starts: Float64Array.from(bars, (b) => b.t), ends: Float64Array.from(bars, (b) => endOf(b.t)), dates: bars.map((b) => newYorkDate(b.t)) };
  });
  const all: { end: EpochMs; s: number; bar: Bar }[] = [];
  series.forEach((c, s) => c?.bars.forEach((bar, i) => all.push({ end: c.ends[i]!, s, bar })));
  all.sort((a, b) => a.end - b.end || a.s - b.s);
  return { series, timeline: { ends: Float64Array.from(all, (e) => e.end), items: all.map((e) => ({ symbol: symbols[e.s]!, bar: e.bar })) } };
}

/** The context bars of one symbol starting in [from, to) (copies). */
export function contextBars(c: ContextSeries | undefined, from: EpochMs, to: EpochMs): Bar[] {
  if (!c || to <= from) return [];
  return c.bars.slice(upperBound(c.starts, from - 1), upperBound(c.starts, to - 1)).map((b) => ({ ...b }));
}

/** The last context bar ended by `until`, with its end. */
export function lastContextBar(c: ContextSeries | undefined, until: EpochMs): { bar: Bar; end: EpochMs } | null {
  if (!c) return null;
  const i = upperBound(c.ends, until) - 1;
  return i < 0 ? null : { bar: c.bars[i]!, end: c.ends[i]! };
}

/** The daily bar of `date` from context bars ended by `until`, or undefined when the symbol has no context bar that day. */
export function contextDayBar(c: ContextSeries | undefined, date: IsoDate, until: EpochMs, crypto: boolean): Bar | null | undefined {
  if (!c) return undefined;
  // The bars starting in [midnight of date, midnight of the next day): found by their dates, with no date
  // arithmetic (the scan and the universe refresh ask for every symbol's days, most past the context).
  const lo = firstDateAtOrAfter(c.dates, date);
  let hi = lo;
  while (hi < c.dates.length && c.dates[hi] === date) hi++;
  if (lo === hi) return undefined;
  const group: Bar[] = [];
  for (let i = lo; i < hi; i++) if (c.ends[i]! <= until && countsInDay(date, c.ends[i]!, crypto)) group.push(c.bars[i]!);
  return group.length ? mergeBars(midnightOf(date), group) : null;
}

/** First index of ascending `dates` at or after `date`, or its length. */
function firstDateAtOrAfter(dates: readonly IsoDate[], date: IsoDate): number {
  if (dates.length === 0 || dates[dates.length - 1]! < date) return dates.length;
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid]! < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
