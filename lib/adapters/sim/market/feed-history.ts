import type { Bar } from '../../../domain/market.ts';
import type { EpochMs, IsoDate } from '../../../domain/time.ts';
import { DAY_MS, MINUTE_MS } from '../../../domain/time.ts';
import { calendarDay } from '../../../domain/calendar/nyse-calendar.ts';
import { addDays, newYorkDate, newYorkTime } from '../../../domain/calendar/new-york-time.ts';
import type { SimFeed } from '../sim-feed.ts';
import { aggregate, barEndFn, barsOfIsFresh, eachAloneInBucket, shortcutsOf, type Bucketing, type FeedShortcuts } from './bar-aggregation.ts';

const midnights = new Map<IsoDate, EpochMs>();
const LOOKBACK_MS = 14 * DAY_MS;

/** New York midnight of `date`: the timestamp Alpaca gives a daily bar. */
export function midnightOf(date: IsoDate): EpochMs {
  let t = midnights.get(date);
  if (t === undefined) {
    t = newYorkTime(date, '00:00');
    if (midnights.size > 20_000) midnights.clear();
    midnights.set(date, t);
  }
  return t;
}

/**
 * What a feed shows at instant `now`: only bars that have ended by then, aggregated into timeframes the
 * way Alpaca builds them (intraday buckets from every bar, extended hours included; daily bars from the
 * regular session for stocks and from the whole New York day for crypto).
 */
export class FeedHistory {
  private readonly barEnd: (symbol: string, start: EpochMs) => EpochMs;
  private readonly crypto = new Set<string>();
  private readonly known = new Set<string>();
  private readonly shortcuts: FeedShortcuts | null;
  private readonly fresh: boolean;

  constructor(private readonly feed: SimFeed) {
    this.barEnd = barEndFn(feed);
    this.shortcuts = shortcutsOf(feed);
    this.fresh = barsOfIsFresh(feed);
    for (const a of feed.assets()) {
      this.known.add(a.symbol);
      if (a.assetClass === 'crypto') this.crypto.add(a.symbol);
    }
  }

  /** Feed bars starting in [from, to) that have ended by `now`. */
  visible(symbols: readonly string[], from: EpochMs, to: EpochMs, now: EpochMs): Map<string, Bar[]> {
    const raw = this.feed.barsOf(symbols, from, Math.min(to, now));
    for (const [symbol, bars] of raw) {
      let n = bars.length;
      while (n > 0 && this.barEnd(symbol, bars[n - 1]!.t) > now) n--;
      if (n < bars.length) raw.set(symbol, bars.slice(0, n));
    }
    return raw;
  }

  /** The daily-bar key of a feed bar: its New York midnight, or null when it is outside the session. */
  private dayKey(symbol: string, bar: Bar): EpochMs | null {
    const date = newYorkDate(bar.t);
    if (this.crypto.has(symbol)) return midnightOf(date);
    const day = calendarDay(date);
    if (!day) return null;
    const end = this.barEnd(symbol, bar.t);
    return end > day.open && end <= day.close ? midnightOf(date) : null;
  }

  /** Bars of `bucketing` whose bucket starts in [start, end], built from what is visible at `now`. */
  bars(symbols: readonly string[], bucketing: Bucketing, start: EpochMs, end: EpochMs, now: EpochMs): Map<string, Bar[]> {
    const out = new Map<string, Bar[]>();
    if (bucketing.kind === 'fixed') {
      const ms = bucketing.ms;
      const from = Math.ceil(start / ms) * ms;
      const visible = this.visible(symbols, from, Math.floor(end / ms) * ms + ms, now);
      // Fresh bars each alone in their bucket are what aggregating would copy: handed out as they are.
      for (const [s, bars] of visible) out.set(s, this.fresh && eachAloneInBucket(bars, ms) ? bars : aggregate(bars, (b) => Math.floor(b.t / ms) * ms));
      return out;
    }
    const startDate = newYorkDate(start);
    const firstDate = midnightOf(startDate) >= start ? startDate : addDays(startDate, 1);
    const lastDate = newYorkDate(end);
    if (lastDate < firstDate) return new Map(symbols.map((s) => [s, []]));
    if (this.shortcuts) {
      // The dates once for every symbol (a universe's daily window asks for thousands of symbol-days).
      const dates: IsoDate[] = [];
      for (let date = firstDate; date <= lastDate; date = addDays(date, 1)) dates.push(date);
      for (const s of symbols) {
        if (!this.known.has(s)) continue;
        const bars: Bar[] = [];
        for (const date of dates) {
          const bar = this.shortcuts.sessionBar(s, date, now);
          if (bar) bars.push(bar);
        }
        out.set(s, bars);
      }
      return out;
    }
    const visible = this.visible(symbols, midnightOf(firstDate), midnightOf(addDays(lastDate, 1)), now);
    for (const [s, bars] of visible) out.set(s, aggregate(bars, (b) => this.dayKey(s, b)));
    return out;
  }

  /** The last `count` daily bars of each symbol visible at `now` (fewer when history is shorter). */
  recentDaily(symbols: readonly string[], count: number, now: EpochMs): Map<string, Bar[]> {
    const out = new Map<string, Bar[]>();
    let pending = [...symbols];
    // Widen the window until every symbol has enough sessions (weekends and holidays in between).
    for (const days of [4, 10, 25]) {
      if (!pending.length) break;
      const found = this.bars(pending, { kind: 'day' }, now - days * DAY_MS, now, now);
      pending = [];
      for (const [s, bars] of found) {
        out.set(s, bars.slice(-count));
        if (bars.length < count) pending.push(s);
      }
    }
    return out;
  }

  /** The latest visible feed bar of each symbol (looking back up to two weeks). */
  latest(symbols: readonly string[], now: EpochMs): Map<string, Bar> {
    const out = new Map<string, Bar>();
    if (this.shortcuts) {
      for (const s of symbols) {
        const bar = this.shortcuts.latestBar(s, now, LOOKBACK_MS);
        if (bar) out.set(s, bar);
      }
      return out;
    }
    let pending = [...symbols];
    // Widening windows: the last bar is usually minutes old, after a long weekend days old.
    for (const span of [2 * 60 * MINUTE_MS, 4 * DAY_MS, LOOKBACK_MS]) {
      if (!pending.length) break;
      const found = this.visible(pending, now - span, now, now);
      pending = [];
      for (const s of found.keys()) {
        const bars = found.get(s)!;
        if (bars.length) out.set(s, bars[bars.length - 1]!);
        else pending.push(s);
      }
    }
    return out;
  }

  /** When the feed's bar of `symbol` starting at `start` ends. */
  endOf(symbol: string, start: EpochMs): EpochMs {
    return this.barEnd(symbol, start);
  }

  /** True for a crypto pair of the feed's universe. */
  isCrypto(symbol: string): boolean {
    return this.crypto.has(symbol);
  }
}
