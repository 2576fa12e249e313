import type { EpochMs } from '../../../domain/time.ts';
import { MINUTE_MS } from '../../../domain/time.ts';
import type { Asset, Bar, Quote } from '../../../domain/market.ts';
import type { NewsItem } from '../../../domain/news.ts';
import { createRandom } from '../../../shared/random.ts';
import type { SimFeed, SymbolBar } from '../sim-feed.ts';

/**
 * A small deterministic SimFeed for tests and benchmarks: exactly the bars it is given, quotes a fixed
 * spread around the last completed bar's close. Not a market model (that is lib/adapters/sim/market/).
 */
export interface FakeSimFeed extends SimFeed {
  /** Adds one-minute bars of a symbol (any order; merged by start time). */
  addBars(symbol: string, bars: readonly Bar[]): void;
  addNews(items: readonly NewsItem[]): void;
}

/** A US equity as the fake universe lists it (whole-share steps, shortable, fractionable). */
export function equityAsset(symbol: string, overrides: Partial<Asset> = {}): Asset {
  return {
    symbol,
    name: `${symbol} Inc. Common Stock`,
    exchange: 'NASDAQ',
    assetClass: 'us_equity',
    status: 'active',
    tradable: true,
    shortable: true,
    easyToBorrow: true,
    fractionable: true,
    marginable: true,
    minTradeIncrement: 1,
    priceIncrement: 0.01,
    minOrderSize: 1,
    ...overrides,
  };
}

/** A crypto pair quoted in USD (`BTC/USD`), as Alpaca lists them. */
export function cryptoAsset(symbol: string, overrides: Partial<Asset> = {}): Asset {
  return {
    symbol,
    name: `${symbol.split('/')[0]} / US Dollar`,
    exchange: 'CRYPTO',
    assetClass: 'crypto',
    status: 'active',
    tradable: true,
    shortable: false,
    easyToBorrow: false,
    fractionable: true,
    marginable: false,
    minTradeIncrement: 1e-9,
    priceIncrement: 1,
    minOrderSize: 0.0001,
    ...overrides,
  };
}

/** One-minute bars from `start`, one per entry: a number is a flat bar at that price, a tuple is [o, h, l, c, v]. */
export function minuteBars(start: EpochMs, rows: readonly (number | readonly [number, number, number, number, number])[], volume = 10_000): Bar[] {
  return rows.map((r, i) => {
    const [o, h, l, c, v] = typeof r === 'number' ? [r, r, r, r, volume] : r;
    return { t: start + i * MINUTE_MS, o, h, l, c, v, vw: (h + l + c) / 3, n: Math.max(1, Math.round(v / 100)) };
  });
}

/**
 * Seeded random-walk one-minute bars for `symbols`, one bar per start time in `times` (benchmarks).
 * Generated minute by minute, as a market produces them, so a replay reads them in allocation order.
 */
export function randomWalkBars(symbols: readonly string[], times: readonly EpochMs[], seed: number): Map<string, Bar[]> {
  const walks = symbols.map((s) => {
    const rnd = createRandom(seed).fork(s);
    return { rnd, price: 20 + rnd.next() * 180, bars: new Array<Bar>(times.length) };
  });
  for (let i = 0; i < times.length; i++) {
    for (const w of walks) {
      const o = w.price;
      const c = Math.max(1, o * (1 + w.rnd.normal() * 0.001));
      const h = Math.max(o, c) * (1 + w.rnd.next() * 0.0005);
      const l = Math.min(o, c) * (1 - w.rnd.next() * 0.0005);
      const v = 1000 + Math.floor(w.rnd.next() * 9000);
      w.bars[i] = { t: times[i]!, o, h, l, c, v, vw: (h + l + c) / 3, n: Math.round(v / 100) };
      w.price = c;
    }
  }
  return new Map(symbols.map((s, i) => [s, walks[i]!.bars]));
}

/** First index whose start time is >= t (bars sorted by start). */
function firstBarAt(bars: readonly Bar[], t: EpochMs): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bars[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose start time is >= t, in a sorted array of start times. */
function firstTimeAt(times: Float64Array, t: EpochMs): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Builds the fake feed over `assets`, with a quoted spread of `spread` USD around the last close. */
export function createFakeSimFeed(options: { assets: readonly Asset[]; spread?: number }): FakeSimFeed {
  const spread = options.spread ?? 0.02;
  const bySymbol = new Map<string, Bar[]>();
  // All bars in (start, symbol) order, with their start times in a typed array: the binary search of a
  // replay's every call then stays in a few cache lines.
  let merged: { bars: SymbolBar[]; times: Float64Array } | null = null;
  const news: NewsItem[] = [];
  const stream = () => {
    if (merged) return merged;
    const sorted: SymbolBar[] = [];
    for (const [symbol, list] of bySymbol) for (const bar of list) sorted.push({ symbol, bar });
    sorted.sort((a, b) => a.bar.t - b.bar.t || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
    // Fresh wrappers in time order keep consecutive bars of a replay next to each other in memory.
    const bars = sorted.map((x) => ({ symbol: x.symbol, bar: x.bar }));
    merged = { bars, times: Float64Array.from(bars, (x) => x.bar.t) };
    return merged;
  };
  return {
    assets: () => options.assets,
    addBars(symbol, bars) {
      const list = [...(bySymbol.get(symbol) ?? []), ...bars].sort((a, b) => a.t - b.t);
      bySymbol.set(symbol, list);
      merged = null;
    },
    addNews(items) {
      news.push(...items);
    },
    barsBetween(from, to) {
      const { bars, times } = stream();
      return bars.slice(firstTimeAt(times, from - MINUTE_MS + 1), firstTimeAt(times, to - MINUTE_MS + 1));
    },
    barsOf(symbols, from, to) {
      const out = new Map<string, Bar[]>();
      for (const s of symbols) {
        const bars = bySymbol.get(s) ?? [];
        out.set(s, bars.slice(firstBarAt(bars, from), firstBarAt(bars, to)));
      }
      return out;
    },
    quoteAt(symbol, t): Quote | null {
      const bars = bySymbol.get(symbol);
      if (bars === undefined) return null;
      // The quote in force at t comes from the last bar that ended at or before t.
      const i = firstBarAt(bars, t - MINUTE_MS + 1) - 1;
      if (i < 0) return null;
      const bar = bars[i]!;
      return { t: bar.t + MINUTE_MS, bidPrice: bar.c - spread / 2, bidSize: 100, askPrice: bar.c + spread / 2, askSize: 100 };
    },
    newsBetween(from, to) {
      return news.filter((n) => n.version > from && n.version <= to);
    },
  };
}
