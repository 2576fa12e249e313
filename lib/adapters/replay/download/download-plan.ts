import type { Timeframe } from '../../../domain/market.ts';
import type { EpochMs, IsoDate } from '../../../domain/time.ts';
import { addDays, newYorkTime } from '../../../domain/calendar/new-york-time.ts';
import type { BarAdjustment, HistoryFeed } from '../../alpaca/alpaca.history-pages.ts';
import { checkpointKey, type Checkpoint } from './download-store.ts';

/** What to download: New York dates `from`..`to` inclusive. */
export interface DownloadRequest {
  from: IsoDate;
  to: IsoDate;
  stocks: readonly string[];
  /** Crypto pairs as Alpaca spells them (`BTC/USD`). */
  crypto: readonly string[];
  timeframes: readonly Timeframe[];
  news: boolean;
  /** News for every symbol rather than for the listed ones (a whole universe). */
  allNews?: boolean;
  feed: HistoryFeed;
  adjustment: BarAdjustment;
  /** Symbols per bars request; by default as many as a 10,000-bar page is likely to hold. */
  symbolsPerRequest?: number;
  /** Bars per page (Alpaca's `limit`, across the request's symbols). Default 10,000, the maximum. */
  pageLimit?: number;
}

/** One request series (a batch of symbols over one window), paged to its end, then checkpointed per symbol. */
export interface BarsUnit {
  dataset: 'bars';
  market: 'stocks' | 'crypto';
  symbols: string[];
  timeframe: Timeframe;
  from: EpochMs;
  to: EpochMs;
  days: number;
  feed: string;
  adjustment: string;
}

export interface NewsUnit {
  dataset: 'news';
  /** null: news about any symbol. */
  symbols: string[] | null;
  from: EpochMs;
  to: EpochMs;
  days: number;
}

export type DownloadUnit = BarsUnit | NewsUnit;

const UNIT_MINUTES: Record<string, number> = { Min: 1, Hour: 60, Day: 1440, Week: 10_080, Month: 43_200 };

/** Minutes in one bar of `timeframe`. */
export function timeframeMinutes(timeframe: Timeframe): number {
  const m = /^(\d+)(Min|Hour|Day|Week|Month)$/.exec(timeframe);
  if (!m) throw new Error(`not a timeframe: ${timeframe}`);
  return Number(m[1]) * UNIT_MINUTES[m[2]!]!;
}

/** Calendar days per checkpointed window: a week of minute bars, a month of hourly, a year of daily. */
export function windowDays(timeframe: Timeframe): number {
  const minutes = timeframeMinutes(timeframe);
  return minutes <= 5 ? 7 : minutes < 1440 ? 31 : 366;
}

const NEWS_WINDOW_DAYS = 7;
/** Symbols per news request (the list travels in the URL). */
const NEWS_SYMBOLS_PER_REQUEST = 50;
const PAGE_BARS = 10_000;

/** Symbols whose bars over a window likely fit one page (stocks: 16 hours of a weekday; pairs: around the clock). */
function defaultBatch(market: 'stocks' | 'crypto', timeframe: Timeframe, days: number): number {
  const minutes = timeframeMinutes(timeframe);
  const perDay = minutes >= 1440 ? 1440 / minutes : (market === 'stocks' ? (16 * 60 * 5) / 7 : 1440) / minutes;
  return Math.max(1, Math.min(100, Math.floor(PAGE_BARS / (perDay * days))));
}

/** [from, to) windows of `days` calendar days (New York midnights) covering the request. */
function windows(req: DownloadRequest, days: number): { from: EpochMs; to: EpochMs; days: number }[] {
  const out: { from: EpochMs; to: EpochMs; days: number }[] = [];
  for (let d = req.from; d <= req.to; d = addDays(d, days)) {
    const last = addDays(d, days - 1) < req.to ? addDays(d, days - 1) : req.to;
    out.push({ from: newYorkTime(d, '00:00'), to: newYorkTime(addDays(last, 1), '00:00'), days: Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${d}T00:00:00Z`)) / 86_400_000) + 1 });
  }
  return out;
}

/** The checkpoint a finished unit leaves for `symbol` (a news unit: its symbol list, `*` for all). */
export function unitCheckpoint(unit: DownloadUnit, symbol: string, rows: number): Checkpoint {
  return unit.dataset === 'bars'
    ? { dataset: 'bars', symbol, timeframe: unit.timeframe, feed: unit.feed, adjustment: unit.adjustment, from: unit.from, to: unit.to, rows }
    : { dataset: 'news', symbol, timeframe: '', feed: '', adjustment: '', from: unit.from, to: unit.to, rows };
}

/** The symbols a unit checkpoints: each symbol of a bars batch; one key for a news request. */
export function checkpointSymbols(unit: DownloadUnit): string[] {
  if (unit.dataset === 'bars') return unit.symbols;
  return [unit.symbols === null ? '*' : unit.symbols.join(',')];
}

/**
 * Every unit of work the request needs, leaving out what `finished` (checkpoint keys) says is done.
 * Deterministic: the same request and checkpoints give the same units, so a re-run resumes exactly.
 */
export function planDownload(req: DownloadRequest, finished: ReadonlySet<string>): DownloadUnit[] {
  const units: DownloadUnit[] = [];
  const markets = [
    { market: 'stocks' as const, symbols: [...new Set(req.stocks)].sort(), feed: req.feed as string, adjustment: req.adjustment as string },
    { market: 'crypto' as const, symbols: [...new Set(req.crypto)].sort(), feed: '', adjustment: '' },
  ];
  for (const timeframe of req.timeframes) {
    for (const { market, symbols, feed, adjustment } of markets) {
      if (symbols.length === 0) continue;
      for (const w of windows(req, windowDays(timeframe))) {
        const open = symbols.filter((symbol) => !finished.has(checkpointKey({ dataset: 'bars', symbol, timeframe, feed, adjustment, from: w.from, to: w.to })));
        const size = req.symbolsPerRequest ?? defaultBatch(market, timeframe, w.days);
        for (let i = 0; i < open.length; i += size) units.push({ dataset: 'bars', market, symbols: open.slice(i, i + size), timeframe, from: w.from, to: w.to, days: w.days, feed, adjustment });
      }
    }
  }
  if (req.news) {
    // Alpaca's news names pairs without the slash (BTCUSD).
    const all = [...new Set([...req.stocks, ...req.crypto.map((p) => p.replace('/', ''))])].sort();
    const batches: (string[] | null)[] = req.allNews || all.length === 0 ? [null] : [];
    if (batches.length === 0) for (let i = 0; i < all.length; i += NEWS_SYMBOLS_PER_REQUEST) batches.push(all.slice(i, i + NEWS_SYMBOLS_PER_REQUEST));
    for (const w of windows(req, NEWS_WINDOW_DAYS)) {
      for (const symbols of batches) {
        const unit: NewsUnit = { dataset: 'news', symbols, from: w.from, to: w.to, days: w.days };
        if (!finished.has(checkpointKey(unitCheckpoint(unit, checkpointSymbols(unit)[0]!, 0)))) units.push(unit);
      }
    }
  }
  return units;
}
