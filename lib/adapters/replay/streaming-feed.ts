import type { Asset, Bar, Quote } from '../../domain/market.ts';
import type { EpochMs, IsoDate } from '../../domain/time.ts';
import type { NewsItem } from '../../domain/news.ts';
import { calendarDay, nextTradingDay } from '../../domain/calendar/nyse-calendar.ts';
import { addDays, newYorkDate, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { AppError } from '../../shared/errors.ts';
import type { SymbolBar } from '../sim/sim-feed.ts';
import type { BarColumns } from '../sim/market/bar-rows.ts';
import type { FeedShortcuts, FreshBarsOf } from '../sim/market/bar-aggregation.ts';
import { midnightOf } from '../sim/market/feed-history.ts';
import type { ReplayFeed } from './replay-feed.ts';
import { barEndFor, replayAsset, replayQuote } from './replay-bars.ts';
import { SPREAD_MODEL_NAME } from './spread-model.ts';
import { SpreadBook } from './spread-book.ts';
import { barOfRow, chunkBytes, packChunk, symbolRows, upperBound, type SessionChunk } from './session-chunk.ts';
import { chunkDayBars, RunningDayBars, type DayBar } from './chunk-day-bars.ts';
import { buildContext, contextBars, contextDayBar, lastContextBar } from './stream-context.ts';
import type { SessionSource, StreamPlan } from './session-source.ts';
import { StreamTail } from './stream-tail.ts';

/** A replay that holds a few sessions of bars and news at a time, loading the next one when asked. */
export interface StreamingReplayFeed extends ReplayFeed, FeedShortcuts, FreshBarsOf {
  /** Loads history through the end of `date` (every session up to it not loaded yet), dropping what the system can no longer reach. */
  loadSession(date: IsoDate): Promise<void>;
  /** What is held now: session chunks, their bar rows and the bytes of their columns. */
  held(): { chunks: number; rows: number; bytes: number; news: number };
}

/** A session packed for a plan: its chunk and each symbol's complete days in it (read-only once made). */
export interface PackedSession {
  chunk: SessionChunk;
  days: readonly (readonly DayBar[])[];
}

export interface StreamingOptions {
  /** Session chunks kept: the current one and the previous session's (the strategy reads from its 13:00). Default 2. */
  retainSessions?: number;
  /**
   * Sessions packed by other feeds over the same source (any plan of it), by symbols and window: a feed finds a
   * session here instead of loading and packing it again, and offers what it packs (the memo decides what it keeps).
   */
  packed?: { get(key: string): PackedSession | undefined; set(key: string, session: PackedSession): void };
}

const bySymbol = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Opens a streamed replay over a SessionSource: daily context held whole, streamed bars and news a session
 * at a time in columns. It answers every query exactly as `createReplayFeed` over the whole history would;
 * a query that would need dropped data (or data not loaded yet) fails naming what it asked, never guesses.
 */
export async function openStreamingFeed(source: SessionSource, options: StreamingOptions = {}): Promise<StreamingReplayFeed> {
  const plan: StreamPlan = await source.plan();
  const retain = Math.max(2, options.retainSessions ?? 2);
  const given = new Map(plan.assets.map((a) => [a.symbol, a]));
  const symbols = [...new Set([...plan.context.keys(), ...plan.streamed.keys()])].sort(bySymbol);
  const index = new Map(symbols.map((s, i) => [s, i]));
  const assets: readonly Asset[] = symbols.map((s) => given.get(s) ?? replayAsset(s));
  const crypto = assets.map((a) => a.assetClass === 'crypto');
  const context = buildContext(symbols, plan.context);
  const lastContextStart = context.series.map((c) => c?.starts[c.starts.length - 1] ?? -Infinity);
  const dailyEnd = symbols.map((s) => barEndFor(s, '1Day'));
  const streamEnd = symbols.map((s) => barEndFor(s, plan.streamed.get(s) ?? '1Min'));
  const givenSpreads = typeof plan.spreadBps === 'number' ? null : (plan.spreadBps ?? {});
  const flatBps = typeof plan.spreadBps === 'number' ? plan.spreadBps : undefined;
  const known = (symbol: string) => flatBps ?? givenSpreads?.[symbol];
  const spreads = new SpreadBook();
  symbols.forEach((s, i) => known(s) === undefined && spreads.add(s, context.series[i]?.bars ?? [], crypto[i]!));
  // A packed session is shared only between plans of the same symbols streamed at the same timeframes (its row layout).
  const layout = options.packed ? symbols.map((s) => `${s}/${plan.streamed.get(s) ?? '1Min'}`).join(',') : '';
  const chunks: SessionChunk[] = [];
  const tail = new StreamTail(symbols.length);
  const days = new Map<IsoDate, (DayBar | undefined)[]>();
  const running = new RunningDayBars();
  let loadedTo = plan.streamFrom;
  // The last span barsBetween handed out (shared: its bars are not to be changed).
  let lastSpan: { from: EpochMs; to: EpochMs; loadedTo: EpochMs; bars: SymbolBar[] } | null = null;
  const complete = () => loadedTo >= plan.to;

  const notLoaded = (what: string, t: EpochMs): never => {
    throw new AppError('INTERNAL', `Streamed replay: ${what} at ${new Date(t).toISOString()} is past the loaded history (through ${new Date(loadedTo).toISOString()}); call loadSession first`);
  };
  const dropped = (what: string, t: EpochMs): never => {
    throw new AppError('INTERNAL', `Streamed replay: ${what} from ${new Date(t).toISOString()} reaches history already dropped (held from ${new Date(chunks[0]?.from ?? loadedTo).toISOString()}); raise retainSessions`);
  };

  async function packSession(from: EpochMs, to: EpochMs, newsFrom: EpochMs): Promise<PackedSession> {
    const data = await source.load({ from, to, newsFrom });
    const bars = symbols.map(() => undefined as readonly Bar[] | BarColumns | undefined);
    for (const [symbol, list] of data.bars) {
      const i = index.get(symbol);
      if (i === undefined) throw new AppError('DATA_INVALID', `Streamed replay: the session source sent bars of ${symbol}, which its plan does not list`);
      bars[i] = list;
    }
    const chunk = packChunk({ from, to, newsFrom, bars, news: data.news, endOf: (s, t) => streamEnd[s]!(t) });
    return { chunk, days: symbols.map((_, s) => chunkDayBars(chunk, s, crypto[s]!)) };
  }

  async function loadChunk(): Promise<void> {
    const date = newYorkDate(loadedTo);
    const session = calendarDay(date) ?? nextTradingDay(date);
    const to = Math.min(plan.to, newYorkTime(addDays(session.date, 1), '00:00'));
    const newsFrom = chunks.length || tail.anyDropped() ? loadedTo : plan.newsFrom;
    const key = `${layout}|${loadedTo}:${to}:${newsFrom}`;
    const packed = options.packed?.get(key) ?? (await packSession(loadedTo, to, newsFrom));
    options.packed?.set(key, packed);
    const chunk = packed.chunk;
    // The spread model reads the chunk's rows: the same values the source sent (a missing vw is NaN either way).
    for (let s = 0; s < symbols.length; s++) if (known(symbols[s]!) === undefined && chunk.rowStart[s + 1]! > chunk.rowStart[s]!) spreads.add(symbols[s]!, symbolRows(chunk, s), crypto[s]!);
    for (let s = 0; s < symbols.length; s++) {
      for (const day of packed.days[s]!) {
        let row = days.get(day.date);
        if (!row) days.set(day.date, (row = new Array<DayBar | undefined>(symbols.length)));
        row[s] = day;
      }
    }
    chunks.push(chunk);
    loadedTo = to;
    while (chunks.length > retain) {
      tail.drop(chunks.shift()!);
      running.clear();
    }
  }

  /** The last bar of symbol `s` ended by `until`, with its end (held chunks, then the dropped tail, then context). */
  function lastEnded(s: number, until: EpochMs, what: string): { bar: Bar; end: EpochMs } | null {
    if (until > loadedTo && !complete()) notLoaded(what, until);
    for (let k = chunks.length - 1; k >= 0; k--) {
      const c = chunks[k]!;
      const r = upperBound(c.end, until, c.rowStart[s]!, c.rowStart[s + 1]!) - 1;
      if (r >= c.rowStart[s]!) return { bar: barOfRow(c, r), end: c.end[r]! };
    }
    const last = tail.last(s);
    if (last) return last.end <= until ? { bar: { ...last.bar }, end: last.end } : dropped(what, until);
    const ctx = lastContextBar(context.series[s], until);
    return ctx && { bar: { ...ctx.bar }, end: ctx.end };
  }

  function sessionBar(symbol: string, date: IsoDate, until: EpochMs): Bar | null {
    const s = index.get(symbol);
    if (s === undefined) return null;
    if (until > loadedTo && !complete()) notLoaded(`the ${date} daily bar of ${symbol}`, until);
    const fromContext = contextDayBar(context.series[s], date, until, crypto[s]!);
    if (fromContext !== undefined) return fromContext;
    const kept = days.get(date)?.[s];
    // A complete day answers from its kept bar (the same merge of the same rows); the day in progress runs.
    if (kept && kept.lastEnd <= until) return { ...kept.bar };
    const midnight = midnightOf(date);
    const chunk = chunks.find((c) => midnight >= c.from && midnight < c.to);
    if (chunk) return running.at(chunk, s, date, until, crypto[s]!);
    if (!kept) return null;
    return kept.lastEnd <= until ? { ...kept.bar } : dropped(`the ${date} daily bar of ${symbol} as of`, until);
  }

  /** Every bar ending in (from, to], in (end, symbol) order; only the symbols `only` marks when given. */
  function spanBars(from: EpochMs, to: EpochMs, only?: Uint8Array): SymbolBar[] {
    const t = context.timeline;
    const head = t.items.slice(upperBound(t.ends, from), upperBound(t.ends, to));
    const parts: SymbolBar[][] = [only ? head.filter((x) => only[index.get(x.symbol)!] === 1) : head];
    for (const c of chunks) {
      const lo = upperBound(c.orderEnd, from);
      const hi = upperBound(c.orderEnd, to);
      const part: SymbolBar[] = [];
      for (let i = lo; i < hi; i++) if (!only || only[c.orderSymbol[i]!] === 1) part.push({ symbol: symbols[c.orderSymbol[i]!]!, bar: barOfRow(c, c.order[i]!) });
      parts.push(part);
    }
    const filled = parts.filter((p) => p.length);
    if (filled.length <= 1) return filled[0] ?? [];
    // Only a span across sources needs merging into (end, symbol) order.
    const endOf = (x: SymbolBar) => feed.barEnd(x.symbol, x.bar.t);
    return filled.flat().sort((a, b) => endOf(a) - endOf(b) || bySymbol(a.symbol, b.symbol));
  }

  function checkSpan(from: EpochMs, to: EpochMs): void {
    if (to > loadedTo && !complete()) notLoaded('bars ending', to);
    if (to > from && from < tail.maxEnd()) dropped('bars ending', from);
  }

  const feed: StreamingReplayFeed = {
    // barsOf builds each bar from the chunk's columns, or copies it from the context.
    barsOfIsFresh: true,
    assets: () => assets,
    barEnd: (symbol, start) => {
      const s = index.get(symbol);
      if (s === undefined) return start + 60_000;
      return start <= lastContextStart[s]! ? dailyEnd[s]!(start) : streamEnd[s]!(start);
    },
    barsBetween(from: EpochMs, to: EpochMs): SymbolBar[] {
      checkSpan(from, to);
      if (to <= from) return [];
      // The broker and the runner both walk each tick's bars: the second asks for the same span.
      if (lastSpan && lastSpan.from === from && lastSpan.to === to && lastSpan.loadedTo === loadedTo) return lastSpan.bars;
      const bars = spanBars(from, to);
      lastSpan = { from, to, loadedTo, bars };
      return bars;
    },
    barsOfSymbolsBetween(wanted: ReadonlySet<string>, from: EpochMs, to: EpochMs): SymbolBar[] {
      checkSpan(from, to);
      if (to <= from || wanted.size === 0) return [];
      const only = new Uint8Array(symbols.length);
      for (const symbol of wanted) if (index.has(symbol)) only[index.get(symbol)!] = 1;
      return spanBars(from, to, only);
    },
    countBetween(from: EpochMs, to: EpochMs): number {
      checkSpan(from, to);
      if (to <= from) return 0;
      let n = upperBound(context.timeline.ends, to) - upperBound(context.timeline.ends, from);
      for (const c of chunks) n += upperBound(c.orderEnd, to) - upperBound(c.orderEnd, from);
      return n;
    },
    barsOf(wanted: readonly string[], from: EpochMs, to: EpochMs): Map<string, Bar[]> {
      const out = new Map<string, Bar[]>();
      for (const symbol of wanted) {
        const s = index.get(symbol);
        if (s === undefined) continue;
        if (to <= from) {
          out.set(symbol, []);
          continue;
        }
        if (to > loadedTo && !complete()) notLoaded(`bars of ${symbol} starting before`, to);
        if (from <= tail.lastStart(s)) dropped(`bars of ${symbol}`, from);
        const bars = contextBars(context.series[s], from, to);
        for (const c of chunks) {
          const lo = upperBound(c.t, from - 1, c.rowStart[s]!, c.rowStart[s + 1]!);
          const hi = upperBound(c.t, to - 1, lo, c.rowStart[s + 1]!);
          for (let r = lo; r < hi; r++) bars.push(barOfRow(c, r));
        }
        out.set(symbol, bars);
      }
      return out;
    },
    quoteAt(symbol: string, t: EpochMs): Quote | null {
      const s = index.get(symbol);
      if (s === undefined) return null;
      // A bar ending at the loaded edge is quoted with the next day's spread, known only once that day loads.
      if (t >= loadedTo && !complete()) notLoaded(`the quote of ${symbol}`, t);
      const last = lastEnded(s, t, `the quote of ${symbol}`);
      if (!last) return null;
      return replayQuote(last.bar, last.end, known(symbol) ?? spreads.at(symbol, last.end, 10), crypto[s]!);
    },
    newsBetween(from: EpochMs, to: EpochMs): NewsItem[] {
      if (to >= loadedTo && !complete()) notLoaded('news', to);
      if (from < tail.maxVersion()) dropped('news', from);
      const out: NewsItem[] = [];
      for (const c of chunks) {
        for (let i = upperBound(c.newsVersions, from), hi = upperBound(c.newsVersions, to); i < hi; i++) out.push({ ...c.news[i]!, symbols: [...c.news[i]!.symbols] });
      }
      return out;
    },
    sessionBar,
    latestBar(symbol: string, until: EpochMs, lookbackMs: number): Bar | null {
      const s = index.get(symbol);
      const last = s === undefined ? null : lastEnded(s, until, `the latest bar of ${symbol}`);
      return last && last.bar.t >= until - lookbackMs ? last.bar : null;
    },
    span: () => plan.span(),
    spreadModel: () => ({
      model: flatBps !== undefined ? `flat ${flatBps} bps around the last close (given)` : symbols.every((s) => known(s) !== undefined) ? 'spreads given per symbol (known quotes)' : `${SPREAD_MODEL_NAME}${symbols.some((s) => known(s) !== undefined) ? '; spreads given for some symbols' : ''}`,
      lastBps: Object.fromEntries(symbols.map((s) => [s, known(s) ?? spreads.last(s) ?? 10])),
    }),
    async loadSession(date: IsoDate): Promise<void> {
      const target = Math.min(plan.to, newYorkTime(addDays(date, 1), '00:00'));
      while (loadedTo < target) await loadChunk();
    },
    held: () => ({ chunks: chunks.length, rows: chunks.reduce((n, c) => n + c.t.length, 0), bytes: chunks.reduce((n, c) => n + chunkBytes(c), 0), news: chunks.reduce((n, c) => n + c.news.length, 0) }),
  };
  return feed;
}
