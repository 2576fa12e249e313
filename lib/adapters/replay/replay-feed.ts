import type { Asset, Bar, Quote, Timeframe } from '../../domain/market.ts';
import type { EpochMs, IsoDate } from '../../domain/time.ts';
import type { NewsItem } from '../../domain/news.ts';
import { AppError } from '../../shared/errors.ts';
import type { SimFeed, SymbolBar } from '../sim/sim-feed.ts';
import type { BarSpans, FeedShortcuts } from '../sim/market/bar-aggregation.ts';
import { barEndFor, replayAsset, replayQuote } from './replay-bars.ts';
import { SPREAD_MODEL_NAME, spreadAt, spreadSchedule, type SpreadSchedule } from './spread-model.ts';
import { newYorkDate } from '../../domain/calendar/new-york-time.ts';
import { ReplayDayBars } from './replay-day-bars.ts';

/** One symbol's history at one timeframe, in time order. */
export interface ReplaySeries {
  symbol: string;
  timeframe: Timeframe;
  bars: Bar[];
}

export interface ReplayFeedInput {
  /**
   * One series per symbol, or two: an intraday series and a '1Day' series whose bars before the intraday
   * series' first day give the context (previous closes, average volumes) a short intraday window lacks.
   */
  series: readonly ReplaySeries[];
  news?: readonly NewsItem[];
  /** Asset records; symbols without one get a plain record (name = symbol). */
  assets?: readonly Asset[];
  /** Known quoted spreads around the last close, bps: one for every symbol, or one per symbol (others modelled); by default each symbol's spread is modelled from its history (spread-model.ts). */
  spreadBps?: number | Readonly<Record<string, number>>;
}

/** A SimFeed replaying stored history; it also says when each bar ends (bars may be 5-minute or daily). */
export interface ReplayFeed extends SimFeed, BarSpans {
  /** The first and last bar start of the whole history, or null when it is empty. */
  span(): { first: EpochMs; last: EpochMs } | null;
  /** How quotes are made (history has none): the spread model, and each symbol's spread on its last day, bps. */
  spreadModel(): { model: string; lastBps: Record<string, number> };
  /** A streamed replay loads history through the end of `date` here (the backtest calls it before each session); a whole replay has nothing to load. */
  loadSession?(date: IsoDate): Promise<void>;
  /** How many bars barsBetween(from, to) would hand out, without building them (optional). */
  countBetween?(from: EpochMs, to: EpochMs): number;
}

const bySymbol = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function upperBound(sorted: Float64Array, x: number, length = sorted.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function groupBySymbol(input: readonly ReplaySeries[]): Map<string, ReplaySeries[]> {
  const out = new Map<string, ReplaySeries[]>();
  for (const s of input) out.set(s.symbol, [...(out.get(s.symbol) ?? []), s]);
  return out;
}

function single(s: ReplaySeries): { bars: Bar[]; endOf: (start: EpochMs) => EpochMs } {
  return { bars: [...s.bars].sort((a, b) => a.t - b.t), endOf: barEndFor(s.symbol, s.timeframe) };
}

/** Daily bars of the days before the intraday series starts, then the intraday bars. */
function withDailyContext(symbol: string, parts: readonly ReplaySeries[]): { bars: Bar[]; endOf: (start: EpochMs) => EpochMs } {
  const daily = parts.filter((p) => p.timeframe === '1Day');
  const intraday = parts.filter((p) => p.timeframe !== '1Day');
  if (parts.length !== 2 || daily.length !== 1 || intraday.length !== 1) {
    throw new AppError('BAD_REQUEST', `Replay has ${parts.length} series for ${symbol} (${parts.map((p) => p.timeframe).join(', ')}): give one, or one intraday series plus 1Day context`);
  }
  const fine = single(intraday[0]!);
  const firstDay = fine.bars.length ? newYorkDate(fine.bars[0]!.t) : null;
  // A daily bar belongs to the day of its New York date; only days wholly before the intraday data are context.
  const context = single(daily[0]!).bars.filter((b) => firstDay === null || newYorkDate(b.t) < firstDay);
  const dailyEnd = barEndFor(symbol, '1Day');
  const fineStart = fine.bars[0]?.t ?? Infinity;
  return { bars: [...context, ...fine.bars], endOf: (start) => (start < fineStart ? dailyEnd(start) : fine.endOf(start)) };
}

/**
 * Replays history held in memory (loaded from Postgres by `loadReplayFeed`, or built by a backtest) as a
 * SimFeed: bars come out when they end, in (end time, symbol) order, so a daily bar appears at the close
 * and never before. Quotes are the last close with a spread modelled per symbol and day from the history
 * before it (or a flat `spreadBps`). barsBetween and barsOf hand out the same shared frozen bars (a minute
 * of indicators asks for hundreds of them per symbol every tick: copying them was most of a trial's garbage).
 */
export function createReplayFeed(input: ReplayFeedInput): ReplayFeed & FeedShortcuts {
  const series = new Map<string, { bars: Bar[]; starts: Float64Array; ends: Float64Array; endOf: (start: EpochMs) => EpochMs }>();
  for (const [symbol, parts] of groupBySymbol(input.series)) {
    const given = parts.length === 1 ? single(parts[0]!) : withDailyContext(symbol, parts);
    // Frozen once: barsBetween and barsOf hand out these very bars, so no reader can change what another sees.
    const bars = given.bars.map((b) => Object.freeze({ ...b }));
    const endOf = given.endOf;
    series.set(symbol, { bars, endOf, starts: Float64Array.from(bars, (b) => b.t), ends: Float64Array.from(bars, (b) => endOf(b.t)) });
  }
  const symbols = [...series.keys()].sort(bySymbol);
  const timeline: { symbol: string; bar: Bar; end: EpochMs }[] = [];
  for (const symbol of symbols) {
    const s = series.get(symbol)!;
    s.bars.forEach((bar, i) => timeline.push({ symbol, bar, end: s.ends[i]! }));
  }
  timeline.sort((a, b) => a.end - b.end || bySymbol(a.symbol, b.symbol));
  const ends = Float64Array.from(timeline, (e) => e.end);
  // Shared and frozen: replaying is slicing an array, and no caller can change what another one sees.
  const replayed: SymbolBar[] = timeline.map((e) => Object.freeze({ symbol: e.symbol, bar: e.bar }));
  const news = [...(input.news ?? [])].sort((a, b) => a.version - b.version || bySymbol(a.source + a.sourceId, b.source + b.sourceId));
  const newsVersions = Float64Array.from(news, (n) => n.version);
  const given = new Map((input.assets ?? []).map((a) => [a.symbol, a]));
  const assets = symbols.map((s) => given.get(s) ?? replayAsset(s));
  const givenSpreads = typeof input.spreadBps === 'number' ? null : (input.spreadBps ?? {});
  const flatBps = typeof input.spreadBps === 'number' ? input.spreadBps : undefined;
  const known = (symbol: string) => flatBps ?? givenSpreads?.[symbol];
  const spreads = new Map<string, SpreadSchedule>();
  for (const [symbol, s] of series) if (known(symbol) === undefined) spreads.set(symbol, spreadSchedule(s.bars, symbol.includes('/')));
  const spreadOf = (symbol: string, t: EpochMs) => known(symbol) ?? spreadAt(spreads.get(symbol)!, t, 10);
  const filled = [...series.values()].filter((s) => s.starts.length > 0);
  const cryptoSymbols = new Set(assets.filter((a) => a.assetClass === 'crypto').map((a) => a.symbol));
  // Daily bars merged once for every reader of this feed (every trial of an optimiser worker).
  const dayBars = new ReplayDayBars(new Map([...series].map(([symbol, s]) => [symbol, { bars: s.bars, starts: s.starts, ends: s.ends, crypto: cryptoSymbols.has(symbol) }])));
  const span = filled.length ? { first: Math.min(...filled.map((s) => s.starts[0]!)), last: Math.max(...filled.map((s) => s.starts[s.starts.length - 1]!)) } : null;

  return {
    assets: () => assets,
    barEnd(symbol: string, start: EpochMs): EpochMs {
      const s = series.get(symbol);
      return s ? s.endOf(start) : start + 60_000;
    },
    barsBetween(from: EpochMs, to: EpochMs): SymbolBar[] {
      return replayed.slice(upperBound(ends, from), upperBound(ends, to));
    },
    barsOfSymbolsBetween(wanted: ReadonlySet<string>, from: EpochMs, to: EpochMs): SymbolBar[] {
      const out: SymbolBar[] = [];
      if (wanted.size === 0) return out;
      for (let i = upperBound(ends, from), hi = upperBound(ends, to); i < hi; i++) if (wanted.has(replayed[i]!.symbol)) out.push(replayed[i]!);
      return out;
    },
    countBetween: (from: EpochMs, to: EpochMs): number => Math.max(0, upperBound(ends, to) - upperBound(ends, from)),
    sessionBar: (symbol: string, date: IsoDate, until: EpochMs): Bar | null => dayBars.sessionBar(symbol, date, until),
    latestBar(symbol: string, until: EpochMs, lookbackMs: number): Bar | null {
      const s = series.get(symbol);
      const i = s ? upperBound(s.ends, until) - 1 : -1;
      return i >= 0 && s!.bars[i]!.t >= until - lookbackMs ? { ...s!.bars[i]! } : null;
    },
    barsOf(wanted: readonly string[], from: EpochMs, to: EpochMs): Map<string, Bar[]> {
      const out = new Map<string, Bar[]>();
      for (const symbol of wanted) {
        const s = series.get(symbol);
        if (!s) continue;
        const lo = upperBound(s.starts, from - 1);
        const hi = to <= from ? lo : upperBound(s.starts, to - 1);
        out.set(symbol, s.bars.slice(lo, hi));
      }
      return out;
    },
    quoteAt(symbol: string, t: EpochMs): Quote | null {
      const s = series.get(symbol);
      if (!s) return null;
      // Ends are increasing with starts, so the last bar ended by t is found by binary search.
      const i = upperBound(s.ends, t) - 1;
      return i < 0 ? null : replayQuote(s.bars[i]!, s.ends[i]!, spreadOf(symbol, s.ends[i]!), symbol.includes('/'));
    },
    newsBetween(from: EpochMs, to: EpochMs): NewsItem[] {
      return news.slice(upperBound(newsVersions, from), upperBound(newsVersions, to)).map((n) => ({ ...n, symbols: [...n.symbols] }));
    },
    span: () => (span ? { ...span } : null),
    spreadModel: () => ({
      model: flatBps !== undefined ? `flat ${flatBps} bps around the last close (given)` : spreads.size === 0 ? 'spreads given per symbol (known quotes)' : `${SPREAD_MODEL_NAME}${spreads.size < symbols.length ? '; spreads given for some symbols' : ''}`,
      lastBps: Object.fromEntries(symbols.map((s) => [s, known(s) ?? spreads.get(s)?.bps.at(-1) ?? 10])),
    }),
  };
}
