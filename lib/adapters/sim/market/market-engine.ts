import { createRandom, type Random } from '../../../shared/random.ts';
import type { EpochMs, IsoDate } from '../../../domain/time.ts';
import { addDays, newYorkDate } from '../../../domain/calendar/new-york-time.ts';
import type { AssetProfile, SyntheticMarketOptions } from './market-types.ts';
import { createUniverse } from './universe.ts';
import { SimCalendar } from './trading-days.ts';
import { EventStream } from './event-stream.ts';
import { cryptoSchedule, DailyPath, equitySchedule } from './daily-path.ts';
import { sessionGrid } from './session-grid.ts';
import { generateFactorDay } from './factor-day.ts';
import { generateSymbolDay, type SymbolDay } from './symbol-day.ts';
import { BarCache } from './bar-cache.ts';

/** The last regular bar of a symbol-day: when it ended and its close, USD. */
interface DayClose {
  end: EpochMs;
  price: number;
}

const MAX_KEPT_CLOSES = 1_000_000;

interface SymbolState {
  news: EventStream;
  path: DailyPath;
}

/**
 * The synthetic market's state: the universe, the cheap daily paths (market, crypto factor, one per
 * symbol), the news streams, and a bounded cache of generated symbol-days. A symbol-day depends only on
 * (seed, start, symbol, date): its own random stream plus the daily paths, which every process rebuilds the
 * same way from the start date.
 */
export class MarketEngine {
  readonly root: Random;
  readonly universe: AssetProfile[];
  readonly indexOf = new Map<string, number>();
  readonly calendar: SimCalendar;
  readonly macro: EventStream;
  readonly cache: BarCache;
  private readonly marketPath: DailyPath;
  private readonly cryptoPath: DailyPath;
  private readonly symbols: (SymbolState | undefined)[];
  private readonly factors = new Map<string, Float64Array>();
  private readonly closes = new Map<string, DayClose | null>();

  constructor(readonly options: SyntheticMarketOptions) {
    this.root = createRandom(options.seed);
    const cryptoPairs = options.crypto === true ? 3 : typeof options.crypto === 'number' ? options.crypto : 0;
    this.universe = createUniverse(this.root.fork('universe'), options.symbols ?? 50, cryptoPairs);
    this.universe.forEach((p, i) => this.indexOf.set(p.asset.symbol, i));
    this.symbols = new Array<SymbolState | undefined>(this.universe.length);
    this.calendar = new SimCalendar(options.start);
    this.macro = new EventStream(this.root, this.calendar, { label: 'macro', symbolIndex: -1, profile: null }, 0.1 * (options.newsRate ?? 1));
    this.marketPath = new DailyPath(this.root.fork('daily:market'), { volatility: 0.009, gapShare: 0.3, drift: 0.0003, meanReversion: 0 }, equitySchedule(this.calendar), null);
    this.cryptoPath = new DailyPath(this.root.fork('daily:crypto-factor'), { volatility: 0.03, gapShare: 0, drift: 0, meanReversion: 0 }, cryptoSchedule(this.calendar), null);
    this.cache = new BarCache(options.cacheBars ?? 4_000_000);
  }

  /** True when symbol `index` is a crypto pair. */
  isCrypto(index: number): boolean {
    return this.universe[index]!.tier === 'crypto';
  }

  /** The news stream and daily path of symbol `index`, created on first use. */
  state(index: number): SymbolState {
    let s = this.symbols[index];
    if (!s) {
      const profile = this.universe[index]!;
      const symbol = profile.asset.symbol;
      const crypto = profile.tier === 'crypto';
      const news = new EventStream(this.root, this.calendar, { label: symbol, symbolIndex: index, profile }, profile.newsPerDay * (this.options.newsRate ?? 1));
      const spec = { volatility: profile.dailyVolatility, gapShare: crypto ? 0 : 0.3, drift: 0, meanReversion: crypto ? 0.002 : 0.004 };
      const path = new DailyPath(this.root.fork(`daily:${symbol}`), spec, crypto ? cryptoSchedule(this.calendar) : equitySchedule(this.calendar), news);
      s = this.symbols[index] = { news, path };
    }
    return s;
  }

  /** Step index of `date` in the daily path of that kind (-1 when the market has no session that day). */
  stepOf(date: IsoDate, crypto: boolean): number {
    if (date < this.calendar.start) return -1;
    return crypto ? this.calendar.dayOffset(date) : this.calendar.tradingIndexOf(date);
  }

  private factorDay(date: IsoDate, crypto: boolean): Float64Array {
    const key = `${crypto ? 'c' : 'e'}:${date}`;
    let f = this.factors.get(key);
    if (!f) {
      const grid = sessionGrid(date, crypto ? 'crypto' : 'equity')!;
      const step = (crypto ? this.cryptoPath : this.marketPath).step(this.stepOf(date, crypto));
      if (!crypto) this.macro.through(date);
      f = generateFactorDay(this.root.fork(`factor:${key}`), grid, step, crypto ? null : this.macro);
      if (this.factors.size > 64) this.factors.delete(this.factors.keys().next().value!);
      this.factors.set(key, f);
    }
    return f;
  }

  /** The bars of symbol `index` on `date`, or null when it does not trade that day. */
  symbolDay(index: number, date: IsoDate): SymbolDay | null {
    const cached = this.cache.get(date, index);
    if (cached !== undefined) return cached;
    const day = this.generate(index, date, 'day');
    this.cache.put(date, index, day);
    return day;
  }

  /**
   * The regular-session bars of symbol `index` on `date` (the cached whole day when there is one): what a
   * completed daily bar needs, at about half the cost of the whole day. Not cached.
   */
  regularDay(index: number, date: IsoDate): SymbolDay | null {
    const cached = this.cache.get(date, index);
    if (cached !== undefined) return cached;
    return this.isCrypto(index) ? this.symbolDay(index, date) : this.generate(index, date, 'regular');
  }

  private generate(index: number, date: IsoDate, part: 'day' | 'regular'): SymbolDay | null {
    const profile = this.universe[index]!;
    const crypto = profile.tier === 'crypto';
    const k = this.stepOf(date, crypto);
    const grid = k < 0 ? null : sessionGrid(date, crypto ? 'crypto' : 'equity');
    if (!grid) return null;
    const { news, path } = this.state(index);
    news.through(date);
    const day = generateSymbolDay({
      rng: this.root.fork(`bars:${profile.asset.symbol}:${date}`),
      profile,
      symbolIndex: index,
      grid,
      step: path.step(k),
      factor: this.factorDay(date, crypto),
      news,
      part,
    });
    this.keepClose(index, date, day);
    return day;
  }

  /** The last regular close (USD) of symbol `index` strictly before `t`, or its starting price. */
  closeBefore(index: number, t: EpochMs): number {
    for (let date = newYorkDate(t), i = 0; i < 10 && date >= this.calendar.start; date = addDays(date, -1), i++) {
      const key = `${index}:${date}`;
      let close = this.closes.get(key);
      // The regular session is enough (and, when the whole day is not cached, half the work).
      if (close === undefined) close = this.keepClose(index, date, this.regularDay(index, date));
      if (close && close.end <= t) return close.price;
    }
    return this.universe[index]!.basePrice;
  }

  // A story prices off the previous session's close, a day the bar cache has usually dropped by then: every
  // generated day's last regular bar is kept (about 100 bytes a symbol-day).
  private keepClose(index: number, date: IsoDate, day: SymbolDay | null): DayClose | null {
    const last = day ? (this.isCrypto(index) ? day.count : day.regularTo) - 1 : -1;
    const close = day && day.regularTo !== 0 && last >= 0 ? { end: day.start[last]! + 60_000, price: day.px[5 * last + 3]! / day.scale } : null;
    if (this.closes.size >= MAX_KEPT_CLOSES) this.closes.clear();
    this.closes.set(`${index}:${date}`, close);
    return close;
  }
}
