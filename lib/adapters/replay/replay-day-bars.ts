import type { Bar } from '../../domain/market.ts';
import type { EpochMs, IsoDate } from '../../domain/time.ts';
import { calendarDay } from '../../domain/calendar/nyse-calendar.ts';
import { addDays } from '../../domain/calendar/new-york-time.ts';
import { BarMerger } from '../sim/market/bar-aggregation.ts';
import { midnightOf } from '../sim/market/feed-history.ts';
import { upperBound } from './session-chunk.ts';

/** One symbol's replayed bars, in start order, with each bar's start and end (ends rise with starts). */
export interface DayBarSeries {
  bars: readonly Bar[];
  starts: Float64Array;
  ends: Float64Array;
  crypto: boolean;
}

interface Day {
  lo: number;
  hi: number;
  /** The whole day's bar and the end of its last counted bar (null: no bar of the day counts). */
  whole: { bar: Bar; lastEnd: EpochMs } | null | undefined;
}

interface Running {
  date: IsoDate;
  /** Bars before this index are merged. */
  cut: number;
  merger: BarMerger;
  first: number;
  merged: number;
}

/**
 * The daily bars of a whole replay, as FeedHistory would aggregate them from `barsOf` (the same bars merged in
 * the same order, a lone bar already stamped at midnight copied as it is): a complete day is merged once and
 * kept, the day in progress is merged as `until` advances. Every optimiser trial of a worker replays the same
 * feed, so the days merged once serve them all; an earlier `until` or another day starts the running merge again.
 */
export class ReplayDayBars {
  private readonly days = new Map<string, Map<IsoDate, Day>>();
  private readonly running = new Map<string, Running>();

  constructor(private readonly series: ReadonlyMap<string, DayBarSeries>) {}

  /** The daily bar of `date` from the bars of `symbol` that ended by `until` (null when none counts). */
  sessionBar(symbol: string, date: IsoDate, until: EpochMs): Bar | null {
    const s = this.series.get(symbol);
    if (!s) return null;
    const day = this.dayOf(symbol, s, date);
    if (day.lo === day.hi) return null;
    if (day.whole === undefined) day.whole = this.merge(s, date, day.lo, day.hi);
    if (day.whole === null) return null;
    if (day.whole.lastEnd <= until) return { ...day.whole.bar };
    return this.runningAt(symbol, s, date, day, upperBound(s.ends, until, day.lo, day.hi));
  }

  private dayOf(symbol: string, s: DayBarSeries, date: IsoDate): Day {
    let bySymbol = this.days.get(symbol);
    if (!bySymbol) this.days.set(symbol, (bySymbol = new Map()));
    let day = bySymbol.get(date);
    if (!day) {
      const lo = upperBound(s.starts, midnightOf(date) - 1);
      bySymbol.set(date, (day = { lo, hi: upperBound(s.starts, midnightOf(addDays(date, 1)) - 1, lo), whole: undefined }));
    }
    return day;
  }

  private merge(s: DayBarSeries, date: IsoDate, lo: number, hi: number): { bar: Bar; lastEnd: EpochMs } | null {
    const run: Running = { date, cut: lo, merger: new BarMerger(), first: -1, merged: 0 };
    const lastEnd = this.advance(s, run, hi);
    const bar = this.resultOf(s, run, date);
    return bar ? { bar, lastEnd } : null;
  }

  private runningAt(symbol: string, s: DayBarSeries, date: IsoDate, day: Day, cut: number): Bar | null {
    let run = this.running.get(symbol);
    if (!run || run.date !== date || run.cut > cut) this.running.set(symbol, (run = { date, cut: day.lo, merger: new BarMerger(), first: -1, merged: 0 }));
    this.advance(s, run, cut);
    return this.resultOf(s, run, date);
  }

  /** Merges the bars from run.cut to `cut` that count in the day (regular session for stocks); the last counted end. */
  private advance(s: DayBarSeries, run: Running, cut: number): EpochMs {
    const session = s.crypto ? null : calendarDay(run.date);
    let lastEnd = -Infinity;
    for (let i = run.cut; i < cut; i++) {
      const end = s.ends[i]!;
      if (!s.crypto && (session === null || !(end > session.open && end <= session.close))) continue;
      if (run.first < 0) run.first = i;
      run.merged++;
      lastEnd = end;
      const b = s.bars[i]!;
      run.merger.add(b.o, b.h, b.l, b.c, b.v, b.vw, b.n);
    }
    run.cut = cut;
    return lastEnd;
  }

  private resultOf(s: DayBarSeries, run: Running, date: IsoDate): Bar | null {
    if (run.merged === 0) return null;
    const midnight = midnightOf(date);
    const first = s.bars[run.first]!;
    return run.merged === 1 && first.t === midnight ? { ...first } : run.merger.result(midnight);
  }
}
