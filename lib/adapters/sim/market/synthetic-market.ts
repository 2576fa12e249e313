import type { Asset, Bar, Quote } from '../../../domain/market.ts';
import type { EpochMs, IsoDate } from '../../../domain/time.ts';
import { MINUTE_MS } from '../../../domain/time.ts';
import { addDays, newYorkDate, newYorkTime } from '../../../domain/calendar/new-york-time.ts';
import { calendarDay } from '../../../domain/calendar/nyse-calendar.ts';
import type { NewsItem } from '../../../domain/news.ts';
import type { SimFeed, SymbolBar } from '../sim-feed.ts';
import type { AssetProfile, SyntheticMarketOptions, SyntheticNewsEvent } from './market-types.ts';
import { MarketEngine } from './market-engine.ts';
import { MarketNews } from './market-news.ts';
import { buildDayIndex, entryBars, entryRange, freezeEntries, type DayIndex } from './day-index.ts';
import { barAt, barsOfRows, columnsOfGroups, firstRowFrom, type BarColumns, type RowSpan } from './bar-rows.ts';
import { quoteFromRow } from './quote.ts';
import { BarMerger, type FeedShortcuts, type FreshBarsOf } from './bar-aggregation.ts';
import { midnightOf } from './feed-history.ts';

/**
 * A seeded, synthetic market: a SimFeed with the ground truth of its news exposed for tests and tools.
 * barsBetween hands out shared, frozen bars on days small enough to keep as objects (copy to change one);
 * barsOf always hands out fresh ones.
 */
export interface SyntheticMarket extends SimFeed, FeedShortcuts, FreshBarsOf {
  readonly seed: number;
  readonly start: IsoDate;
  /** The generator's view of every symbol (sector, size class, liquidity, beta), in symbol order. */
  profiles(): readonly AssetProfile[];
  /** Stories about `symbol` published in (from, to], with their catalyst and the market's reaction. */
  newsOf(symbol: string, from: EpochMs, to: EpochMs): SyntheticNewsEvent[];
  /** Every story published in (from, to], macro news (symbol null) included. */
  newsEventsBetween(from: EpochMs, to: EpochMs): SyntheticNewsEvent[];
  /** barsOf as columns: the same bars without an object each (a session of 500 symbols is ~480,000 bars). */
  barColumnsOf(symbols: readonly string[], from: EpochMs, to: EpochMs): Map<string, BarColumns>;
  /** What the bar cache holds. */
  cacheStats(): { dates: number; bars: number };
}

/** Days with at most this many bars are replayed from frozen, shared objects (about 160 bytes a bar). */
const FREEZE_LIMIT = 300_000;

/** Daily bars of completed sessions kept (about 150 bytes each). */
const MAX_KEPT_SESSIONS = 1_000_000;

/** The market never looks further back than this for a symbol's last bar (long weekends, holidays). */
const LOOKBACK_DAYS = 10;

/**
 * Creates the synthetic market: `symbols` US equities (default 50) and optionally crypto pairs, from
 * `start` onwards. The same options give the same bars and news in every process: each symbol-day comes
 * from its own seeded stream and from daily paths rebuilt from `start`.
 */
export function createSyntheticMarket(options: SyntheticMarketOptions): SyntheticMarket {
  const engine = new MarketEngine(options);
  const news = new MarketNews(engine);
  const { universe, indexOf, cache } = engine;
  const symbols = universe.map((p) => p.asset.symbol);
  const assets: readonly Asset[] = universe.map((p) => ({ ...p.asset }));
  const profiles: readonly AssetProfile[] = universe.map((p) => ({ ...p, asset: { ...p.asset } }));
  // The day the last replay call read: a broker stepping minute by minute stays in it for hundreds of calls.
  let hot: { base: EpochMs; index: DayIndex } | null = null;

  function dayIndex(date: IsoDate): DayIndex {
    const hit = cache.index(date);
    if (hit) return hit;
    const base = newYorkTime(date, '00:00');
    const slots = (newYorkTime(addDays(date, 1), '00:00') - base) / MINUTE_MS;
    const index = buildDayIndex(base, slots, universe.map((_, i) => engine.symbolDay(i, date)));
    cache.setIndex(date, index);
    return index;
  }

  function dayBars(date: IsoDate, startFrom: EpochMs, startTo: EpochMs): SymbolBar[] {
    if (date < engine.calendar.start) return [];
    const index = dayIndex(date);
    if (!index.frozen && index.size <= FREEZE_LIMIT) {
      freezeEntries(index, symbols);
      cache.grow(date, index.size);
    }
    hot = { base: index.base, index };
    const [lo, hi] = entryRange(index, startFrom, startTo);
    return entryBars(index, symbols, lo, hi);
  }

  function* daysOfBars(first: IsoDate, last: IsoDate, startFrom: EpochMs, startTo: EpochMs): Generator<SymbolBar> {
    for (let date = first; date <= last; date = addDays(date, 1)) yield* dayBars(date, startFrom, startTo);
  }

  function barsBetween(from: EpochMs, to: EpochMs): Iterable<SymbolBar> {
    // A bar ending in (from, to] starts in [floor(from), floor(to) - 1 minute] on the minute grid.
    const startFrom = Math.floor(from / MINUTE_MS) * MINUTE_MS;
    const startTo = Math.floor(to / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
    if (startTo < startFrom) return [];
    if (hot && hot.index.frozen && startFrom >= hot.base && startTo < hot.base + hot.index.slots * MINUTE_MS) {
      const [lo, hi] = entryRange(hot.index, startFrom, startTo);
      return hot.index.frozen.slice(lo, hi);
    }
    const first = newYorkDate(startFrom);
    const last = newYorkDate(startTo);
    // One day (the usual tick) is one array; longer spans are generated a day at a time to bound memory.
    return first === last ? dayBars(first, startFrom, startTo) : daysOfBars(first, last, startFrom, startTo);
  }

  /** Each wanted symbol's rows starting in [from, to), symbol-day by symbol-day. */
  function rowsOf(wanted: readonly string[], from: EpochMs, to: EpochMs): Map<string, RowSpan[]> {
    const out = new Map<string, RowSpan[]>();
    const dates: IsoDate[] = [];
    if (to > from) {
      const first = newYorkDate(from) < engine.calendar.start ? engine.calendar.start : newYorkDate(from);
      for (let date = first, last = newYorkDate(to - 1); date <= last; date = addDays(date, 1)) dates.push(date);
    }
    for (const symbol of wanted) {
      const i = indexOf.get(symbol);
      if (i === undefined) continue;
      const parts: RowSpan[] = [];
      for (const date of dates) {
        const day = engine.symbolDay(i, date);
        if (!day) continue;
        const lo = firstRowFrom(day, from);
        let hi = lo;
        while (hi < day.count && day.start[hi]! < to) hi++;
        parts.push({ day, lo, hi });
      }
      out.set(symbol, parts);
    }
    return out;
  }

  function barColumnsOf(wanted: readonly string[], from: EpochMs, to: EpochMs): Map<string, BarColumns> {
    const rows = rowsOf(wanted, from, to);
    const columns = columnsOfGroups([...rows.values()]);
    return new Map([...rows.keys()].map((symbol, k) => [symbol, columns[k]!]));
  }

  function quoteAt(symbol: string, t: EpochMs): Quote | null {
    const i = indexOf.get(symbol);
    if (i === undefined) return null;
    let date = newYorkDate(t);
    for (let n = 0; n < LOOKBACK_DAYS && date >= engine.calendar.start; n++, date = addDays(date, -1)) {
      const day = engine.symbolDay(i, date);
      if (!day) continue;
      // The quote in force comes from the last bar that has ended by t.
      const row = firstRowFrom(day, t - MINUTE_MS + 1) - 1;
      if (row >= 0) return quoteFromRow(engine.root, universe[i]!, day, row);
    }
    return null;
  }

  // Completed sessions never change: their daily bars are kept, so a daily-bars request over weeks of a large
  // universe regenerates no symbol-day it has seen (a symbol-day is about 1 ms of work; 5,000 symbols x 30
  // sessions outgrow the bar cache).
  const sessions = new Map<string, Bar>();
  const sessionEnd = (date: IsoDate, crypto: boolean): EpochMs => (crypto ? newYorkTime(addDays(date, 1), '00:00') : (calendarDay(date)?.close ?? Infinity));

  function sessionBar(symbol: string, date: IsoDate, until: EpochMs): Bar | null {
    const i = indexOf.get(symbol);
    const key = `${i}:${date}`;
    const kept = sessions.get(key);
    if (kept && until >= sessionEnd(date, engine.isCrypto(i!))) return { ...kept };
    if (i === undefined || date < engine.calendar.start) return null;
    const crypto = engine.isCrypto(i);
    // A completed session needs only its regular rows; a session in progress is being replayed whole.
    const day = until >= sessionEnd(date, crypto) ? engine.regularDay(i, date) : engine.symbolDay(i, date);
    if (!day) return null;
    const from = crypto ? 0 : day.regularFrom;
    const last = crypto ? day.count : day.regularTo;
    const to = Math.min(last, firstRowFrom(day, until - MINUTE_MS + 1));
    const merger = new BarMerger();
    const { px, scale } = day;
    for (let r = from; r < to; r++) merger.add(px[5 * r]! / scale, px[5 * r + 1]! / scale, px[5 * r + 2]! / scale, px[5 * r + 3]! / scale, day.volume[r]!, px[5 * r + 4]! / scale, day.trades[r]!);
    const bar = merger.result(midnightOf(date));
    if (bar && to === last) {
      if (sessions.size >= MAX_KEPT_SESSIONS) sessions.clear();
      sessions.set(key, { ...bar });
    }
    return bar;
  }

  function latestBar(symbol: string, until: EpochMs, lookbackMs: number): Bar | null {
    const i = indexOf.get(symbol);
    if (i === undefined) return null;
    const oldest = newYorkDate(until - lookbackMs);
    for (let date = newYorkDate(until); date >= oldest && date >= engine.calendar.start; date = addDays(date, -1)) {
      const day = engine.symbolDay(i, date);
      if (!day) continue;
      const row = firstRowFrom(day, until - MINUTE_MS + 1) - 1;
      if (row >= 0) return day.start[row]! >= until - lookbackMs ? barAt(day, row) : null;
    }
    return null;
  }

  return {
    seed: options.seed,
    start: options.start,
    // barsOf builds every bar afresh from the symbol-days.
    barsOfIsFresh: true,
    assets: () => assets,
    barsBetween,
    barsOf: (wanted, from, to) => new Map([...rowsOf(wanted, from, to)].map(([symbol, parts]) => [symbol, barsOfRows(parts)])),
    quoteAt,
    newsBetween: (from: EpochMs, to: EpochMs): NewsItem[] => news.itemsBetween(from, to),
    sessionBar,
    latestBar,
    profiles: () => profiles,
    newsOf: (symbol, from, to) => {
      const i = indexOf.get(symbol);
      return i === undefined ? [] : news.events(i, from, to);
    },
    newsEventsBetween: (from, to) => news.events('all', from, to),
    barColumnsOf,
    cacheStats: () => cache.stats(),
  };
}
