import type { Bar } from '../../domain/market.ts';
import type { EpochMs, IsoDate } from '../../domain/time.ts';
import { calendarDay } from '../../domain/calendar/nyse-calendar.ts';
import { addDays, newYorkDate } from '../../domain/calendar/new-york-time.ts';
import { BarMerger } from '../sim/market/bar-aggregation.ts';
import { midnightOf } from '../sim/market/feed-history.ts';
import { barOfRow, upperBound, type SessionChunk } from './session-chunk.ts';

/** A day's bar with the end of the last bar merged into it (the day is complete for any `until` from then on). */
export interface DayBar {
  date: IsoDate;
  bar: Bar;
  lastEnd: EpochMs;
}

/** Whether a bar ending at `end` counts in its day's bar: the regular session for stocks, the whole day for crypto. */
export function countsInDay(date: IsoDate, end: EpochMs, crypto: boolean): boolean {
  if (crypto) return true;
  const day = calendarDay(date);
  return day !== null && end > day.open && end <= day.close;
}

/**
 * Merges rows [lo, hi) of one symbol and one New York date that count for its daily bar, as FeedHistory's
 * aggregation of barsOf does (mergeBars: a lone bar already stamped at midnight is copied as it is).
 */
function mergeRows(chunk: SessionChunk, date: IsoDate, lo: number, hi: number, crypto: boolean): DayBar | null {
  const merger = new BarMerger();
  let first = -1;
  let merged = 0;
  let lastEnd = -Infinity;
  const session = crypto ? null : calendarDay(date);
  for (let r = lo; r < hi; r++) {
    const end = chunk.end[r]!;
    // countsInDay, with the calendar read once (a Map lookup a row was most of the merge).
    if (!crypto && (session === null || !(end > session.open && end <= session.close))) continue;
    if (first < 0) first = r;
    merged++;
    lastEnd = end;
    const vw = chunk.vw[r]!;
    const n = chunk.n[r]!;
    merger.add(chunk.o[r]!, chunk.h[r]!, chunk.l[r]!, chunk.c[r]!, chunk.v[r]!, Number.isNaN(vw) ? undefined : vw, Number.isNaN(n) ? undefined : n);
  }
  if (merged === 0) return null;
  const midnight = midnightOf(date);
  const bar = merged === 1 && chunk.t[first]! === midnight ? barOfRow(chunk, first) : merger.result(midnight)!;
  return { date, bar, lastEnd };
}

/** The rows [lo, hi) of symbol `s` starting on New York `date`. */
function rowsOn(chunk: SessionChunk, s: number, date: IsoDate): [number, number] {
  const a = chunk.rowStart[s]!;
  const b = chunk.rowStart[s + 1]!;
  return [upperBound(chunk.t, midnightOf(date) - 1, a, b), upperBound(chunk.t, midnightOf(addDays(date, 1)) - 1, a, b)];
}

/** The daily bar of `date` for symbol index `s` from the chunk's bars that ended by `until`. */
export function chunkDayBar(chunk: SessionChunk, s: number, date: IsoDate, until: EpochMs, crypto: boolean): Bar | null {
  const [lo, hi] = rowsOn(chunk, s, date);
  // Ends rise with starts: the rows ended by `until` are a prefix.
  const cut = upperBound(chunk.end, until, lo, hi);
  return mergeRows(chunk, date, lo, cut, crypto)?.bar ?? null;
}

/** Every complete daily bar of symbol index `s` in the chunk, oldest first. */
export function chunkDayBars(chunk: SessionChunk, s: number, crypto: boolean): DayBar[] {
  const out: DayBar[] = [];
  const b = chunk.rowStart[s + 1]!;
  let lo = chunk.rowStart[s]!;
  while (lo < b) {
    const date = newYorkDate(chunk.t[lo]!);
    const hi = upperBound(chunk.t, midnightOf(addDays(date, 1)) - 1, lo, b);
    const day = mergeRows(chunk, date, lo, hi, crypto);
    if (day) out.push(day);
    lo = hi;
  }
  return out;
}

interface RunningDay {
  chunk: SessionChunk;
  date: IsoDate;
  /** Rows before this one are merged. */
  cut: number;
  merger: BarMerger;
  first: number;
  merged: number;
}

/**
 * The daily bar of the day in progress, per symbol index, as `until` advances: the scanner and the broker ask
 * for it every minute, and the rows merged for the last answer are not merged again. The same fold, in the
 * same row order, as chunkDayBar (an earlier `until`, another day or another chunk starts it again).
 */
export class RunningDayBars {
  private readonly days: (RunningDay | undefined)[] = [];

  at(chunk: SessionChunk, s: number, date: IsoDate, until: EpochMs, crypto: boolean): Bar | null {
    const [lo, hi] = rowsOn(chunk, s, date);
    const cut = upperBound(chunk.end, until, lo, hi);
    let day = this.days[s];
    if (!day || day.chunk !== chunk || day.date !== date || day.cut > cut) this.days[s] = day = { chunk, date, cut: lo, merger: new BarMerger(), first: -1, merged: 0 };
    const session = crypto ? null : calendarDay(date);
    for (let r = day.cut; r < cut; r++) {
      const end = chunk.end[r]!;
      // countsInDay, with the calendar read once.
      if (!crypto && (session === null || !(end > session.open && end <= session.close))) continue;
      if (day.first < 0) day.first = r;
      day.merged++;
      const vw = chunk.vw[r]!;
      const n = chunk.n[r]!;
      day.merger.add(chunk.o[r]!, chunk.h[r]!, chunk.l[r]!, chunk.c[r]!, chunk.v[r]!, Number.isNaN(vw) ? undefined : vw, Number.isNaN(n) ? undefined : n);
    }
    day.cut = cut;
    if (day.merged === 0) return null;
    const midnight = midnightOf(date);
    return day.merged === 1 && chunk.t[day.first]! === midnight ? barOfRow(chunk, day.first) : day.merger.result(midnight)!;
  }

  /** Forgets every day in progress (a chunk was dropped: nothing may keep it alive). */
  clear(): void {
    this.days.length = 0;
  }
}
