import type { Bar, Timeframe } from '../../../domain/market.ts';
import type { EpochMs, IsoDate } from '../../../domain/time.ts';
import { HOUR_MS, MINUTE_MS } from '../../../domain/time.ts';
import { AppError } from '../../../shared/errors.ts';
import type { SimFeed } from '../sim-feed.ts';

/** A timeframe as arithmetic: fixed-length buckets aligned on the epoch (minutes, hours) or New York days. */
export type Bucketing = { kind: 'fixed'; ms: number } | { kind: 'day' };

/** Parses Alpaca's timeframe spelling; weeks and months are not simulated. */
export function parseTimeframe(timeframe: Timeframe): Bucketing {
  const m = /^(\d+)(Min|Hour|Day)$/.exec(timeframe);
  const n = m ? Number(m[1]) : NaN;
  if (m && m[2] === 'Min' && n >= 1 && n <= 59) return { kind: 'fixed', ms: n * MINUTE_MS };
  if (m && m[2] === 'Hour' && n >= 1 && n <= 23) return { kind: 'fixed', ms: n * HOUR_MS };
  if (m && m[2] === 'Day' && n === 1) return { kind: 'day' };
  throw new AppError('BAD_REQUEST', `Unsupported timeframe ${timeframe}: the simulator serves 1-59Min, 1-23Hour and 1Day`);
}

/**
 * A feed whose bars can be longer than a minute (replayed 5-minute or daily history) tells when each ends;
 * for any other feed a bar ends one minute after it starts, as SimFeed says.
 */
export interface BarSpans {
  barEnd(symbol: string, start: EpochMs): EpochMs;
}

/**
 * Optional shortcuts a feed may offer so that snapshots and daily bars of a large universe do not
 * materialise every minute bar. Each must equal what aggregating `barsOf` gives (tests check it).
 */
export interface FeedShortcuts {
  /** The daily bar of `date` built from the bars that ended by `until` (regular session for stocks). */
  sessionBar(symbol: string, date: IsoDate, until: EpochMs): Bar | null;
  /** The last bar that ended by `until`, looking back at most `lookbackMs`. */
  latestBar(symbol: string, until: EpochMs, lookbackMs: number): Bar | null;
}

/** The feed's shortcuts, when it has them. */
export function shortcutsOf(feed: SimFeed): FeedShortcuts | null {
  const f = feed as Partial<FeedShortcuts>;
  return typeof f.sessionBar === 'function' && typeof f.latestBar === 'function' ? (f as FeedShortcuts) : null;
}

/**
 * A feed whose barsOf hands out bars no one else holds, fresh at every call: one-minute buckets over its
 * one-minute bars may be those very bars rather than a copy of each (a strategy reads hundreds of them per
 * symbol every scan). A feed that shares its bars (frozen or not) does not declare it.
 */
export interface FreshBarsOf {
  readonly barsOfIsFresh: true;
}

/** True when the feed declares FreshBarsOf. */
export function barsOfIsFresh(feed: SimFeed): boolean {
  return (feed as Partial<FreshBarsOf>).barsOfIsFresh === true;
}

/** True when each bar starts on a multiple of `ms` and no two share a bucket: `aggregate` would copy each alone. */
export function eachAloneInBucket(bars: readonly Bar[], ms: number): boolean {
  let last = -Infinity;
  for (const b of bars) {
    if (b.t % ms !== 0 || !(b.t > last)) return false;
    last = b.t;
  }
  return true;
}

/** When a feed's bar of `symbol` starting at `start` is complete. */
export function barEndFn(feed: SimFeed): (symbol: string, start: EpochMs) => EpochMs {
  const spans = feed as Partial<BarSpans>;
  return typeof spans.barEnd === 'function' ? (s, t) => spans.barEnd!(s, t) : (_s, t) => t + MINUTE_MS;
}

/**
 * Folds bars, oldest first, into one: first open, extreme high and low, last close, summed volume and
 * trades, volume-weighted vw. Every aggregation path goes through it, so they agree to the last bit.
 */
export class BarMerger {
  private count = 0;
  private o = 0;
  private h = 0;
  private l = 0;
  private c = 0;
  private v = 0;
  private n = 0;
  private notional = 0;
  private hasTrades = false;

  /** Adds the next bar (prices in USD, volume in shares or coins). */
  add(o: number, h: number, l: number, c: number, v: number, vw: number | undefined, n: number | undefined): void {
    if (this.count++ === 0) {
      this.o = o;
      this.h = h;
      this.l = l;
    }
    if (h > this.h) this.h = h;
    if (l < this.l) this.l = l;
    this.c = c;
    this.v += v;
    this.notional += (vw ?? c) * v;
    if (n !== undefined) {
      this.n += n;
      this.hasTrades = true;
    }
  }

  /** The merged bar stamped `t`, or null when nothing was added. */
  result(t: EpochMs): Bar | null {
    if (this.count === 0) return null;
    const bar: Bar = { t, o: this.o, h: this.h, l: this.l, c: this.c, v: roundVolume(this.v) };
    bar.vw = this.v > 0 ? Math.round((this.notional / this.v) * 1e6) / 1e6 : this.c;
    if (this.hasTrades) bar.n = this.n;
    return bar;
  }
}

/** Merges bars in time order into one (volume-weighted vw, summed volume and trades). */
export function mergeBars(t: EpochMs, bars: readonly Bar[]): Bar {
  const first = bars[0]!;
  if (bars.length === 1 && first.t === t) return { ...first };
  const merger = new BarMerger();
  for (const b of bars) merger.add(b.o, b.h, b.l, b.c, b.v, b.vw, b.n);
  return merger.result(t)!;
}

// Summing fractional crypto volumes leaves float dust (0.1 + 0.2); nine decimals is Alpaca's precision.
function roundVolume(v: number): number {
  return Number.isInteger(v) ? v : Math.round(v * 1e9) / 1e9;
}

/** Groups time-ordered bars by a key (bucket start) and merges each group. */
export function aggregate(bars: readonly Bar[], keyOf: (bar: Bar) => EpochMs | null): Bar[] {
  const out: Bar[] = [];
  let key: EpochMs | null = null;
  // One group array, emptied after each merge (mergeBars keeps nothing of it): one-minute buckets over one-minute
  // bars are a group per bar.
  const group: Bar[] = [];
  for (const b of bars) {
    const k = keyOf(b);
    if (k === null) continue;
    if (k !== key && group.length) {
      out.push(mergeBars(key!, group));
      group.length = 0;
    }
    key = k;
    group.push(b);
  }
  if (group.length) out.push(mergeBars(key!, group));
  return out;
}
