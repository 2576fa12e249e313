import type { Asset, Bar } from '../../domain/market.ts';
import type { EpochMs, IsoDate } from '../../domain/time.ts';
import type { NewsItem } from '../../domain/news.ts';
import { analyseItem } from '../news/analyse-item.ts';
import { calendarDay } from '../../domain/calendar/nyse-calendar.ts';
import { newYorkDate, newYorkTime, addDays } from '../../domain/calendar/new-york-time.ts';
import { relativeVolume } from '../../strategy/scanner/volume-profile.ts';
import { eventPhase, rvolBucket, type EventPhase } from '../../domain/research/event-buckets.ts';
import { forwardReturns, type Horizon } from '../../domain/research/forward-returns.ts';

/** One news event on one symbol, as the study measured it. Returns are fractions, net of the spread. */
export interface NewsEvent {
  source: string;
  sourceId: string;
  /** The version the decision knew (its timestamp), and when it was known (after the news latency). */
  version: EpochMs;
  knownAt: EpochMs;
  symbol: string;
  headline: string;
  catalyst: string;
  sentiment: 'positive' | 'negative' | 'neutral';
  sentimentScore: number;
  /** +1 long (positive or neutral news), −1 short (negative news). */
  direction: 1 | -1;
  phase: EventPhase;
  relativeVolume: number | null;
  rvolBucket: string;
  spreadBps: number;
  entryT: EpochMs;
  entryPrice: number;
  returns: Record<string, number | null>;
  /** Returns less the index's over the same span (in the trade's direction); null without an index. */
  adjusted: Record<string, number | null>;
  mae: number | null;
  mfe: number | null;
  /** The stored text is stamped later than the event was known (a source that keeps only its latest text): its reading may look ahead. */
  textLaterThanKnown: boolean;
}

export interface NewsEventInput {
  /** Every stored version of the news in (and shortly before) the window. */
  news: readonly NewsItem[];
  assets: readonly Asset[];
  /** One-minute bars per symbol, oldest first. */
  minuteBars: ReadonlyMap<string, readonly Bar[]>;
  /** Each symbol's volume per New York date (shares), for relative volume. */
  dailyVolume: ReadonlyMap<string, ReadonlyMap<IsoDate, number>>;
  /** The spread a trade would pay, bps (the replay's spread model). */
  spreadBpsAt: (symbol: string, t: EpochMs) => number;
  /** How long after its timestamp a version reaches the system (the configured news latency), ms. */
  latencyOf: (item: NewsItem) => number;
  /** Events known in [from, to) are studied. */
  from: EpochMs;
  to: EpochMs;
  symbols?: ReadonlySet<string>;
  /** The index for market adjustment (e.g. SPY), when its bars are in minuteBars. */
  indexSymbol?: string;
  horizons: readonly Horizon[];
}

/** What an event study skipped, and why, so the count of events can be checked. */
export interface EventSkips {
  laterVersions: number;
  outsideWindow: number;
  noSymbolBars: number;
  noBarAfterNews: number;
}

/** When the stored text was current (history:download records it as meta.textAsOf), else the version. */
function textAsOf(item: NewsItem): EpochMs {
  const stamp = typeof item.meta?.textAsOf === 'string' ? Date.parse(item.meta.textAsOf) : NaN;
  return Number.isFinite(stamp) ? stamp : item.version;
}

const closeAfter = (t: EpochMs): EpochMs => {
  for (let date = newYorkDate(t), i = 0; i < 10; date = addDays(date, 1), i++) {
    const day = calendarDay(date);
    if (day && day.close > t) return day.close;
  }
  return t;
};

function averageVolumeBefore(byDate: ReadonlyMap<IsoDate, number> | undefined, date: IsoDate, days = 20): number | null {
  if (!byDate) return null;
  const before = [...byDate.entries()].filter(([d]) => d < date).sort(([a], [b]) => (a < b ? 1 : -1)).slice(0, days);
  return before.length ? before.reduce((s, [, v]) => s + v, 0) / before.length : null;
}

function relativeVolumeAt(bars: readonly Bar[], byDate: ReadonlyMap<IsoDate, number> | undefined, t: EpochMs): number | null {
  const date = newYorkDate(t);
  const day = calendarDay(date);
  const average = averageVolumeBefore(byDate, date);
  if (!day || average === null || average <= 0) return null;
  const dayStart = newYorkTime(date, '00:00');
  // Only bars that had ended by `t`: the volume the decision could have seen.
  const soFar = bars.filter((b) => b.t >= dayStart && b.t + 60_000 <= t).reduce((s, b) => s + b.v, 0);
  return relativeVolume(soFar, average, (t - day.open) / 60_000, (day.close - day.open) / 60_000);
}

/** The first version of each story, with the version its decision knew (the latest one arrived by then). */
function arrivals(news: readonly NewsItem[], latencyOf: (item: NewsItem) => number): { item: NewsItem; knownAt: EpochMs; versions: number }[] {
  const stories = new Map<string, NewsItem[]>();
  for (const n of news) {
    const key = `${n.source}\u0000${n.sourceId}`;
    stories.set(key, [...(stories.get(key) ?? []), n]);
  }
  return [...stories.values()].map((versions) => {
    const sorted = [...versions].sort((a, b) => a.version - b.version);
    const knownAt = sorted[0]!.version + latencyOf(sorted[0]!);
    const known = sorted.filter((v) => v.version + latencyOf(v) <= knownAt).at(-1) ?? sorted[0]!;
    return { item: known, knownAt, versions: sorted.length };
  });
}

/**
 * Each story's arrival on each symbol it is about (the source's tickers and the text's confident links), read
 * by the same analysis the live system stores, measured from the first bar after it was known.
 */
export function newsEvents(input: NewsEventInput): { events: NewsEvent[]; skipped: EventSkips } {
  const skipped: EventSkips = { laterVersions: 0, outsideWindow: 0, noSymbolBars: 0, noBarAfterNews: 0 };
  const index = input.indexSymbol ? input.minuteBars.get(input.indexSymbol) : undefined;
  const events: NewsEvent[] = [];
  for (const { item, knownAt, versions } of arrivals(input.news, input.latencyOf)) {
    skipped.laterVersions += versions - 1;
    if (knownAt < input.from || knownAt >= input.to) {
      skipped.outsideWindow++;
      continue;
    }
    const analysis = analyseItem(item, input.assets);
    const symbols = [...new Set([...item.symbols.map((s) => s.toUpperCase()), ...analysis.linkedSymbols.map((l) => l.symbol)])].sort();
    for (const symbol of symbols) {
      if (input.symbols && !input.symbols.has(symbol)) continue;
      const bars = input.minuteBars.get(symbol);
      if (!bars?.length) {
        skipped.noSymbolBars++;
        continue;
      }
      const own = analysis.companies?.find((c) => c.symbol === symbol);
      const sentiment = own ? own.direction : analysis.sentimentLabel;
      const direction = sentiment === 'negative' ? -1 : 1;
      const spreadBps = input.spreadBpsAt(symbol, knownAt);
      const fwd = forwardReturns({ bars, after: knownAt, direction, spreadBps, closeAfter, horizons: input.horizons, ...(index && symbol !== input.indexSymbol ? { index } : {}) });
      if (!fwd) {
        skipped.noBarAfterNews++;
        continue;
      }
      const rvol = relativeVolumeAt(bars, input.dailyVolume.get(symbol), knownAt);
      const adjusted = Object.fromEntries(Object.entries(fwd.returns).map(([k, r]) => [k, r === null || fwd.market[k] == null ? null : r - fwd.market[k]!]));
      events.push({
        source: item.source, sourceId: item.sourceId, version: item.version, knownAt, symbol, headline: item.headline,
        catalyst: (own?.catalyst ?? analysis.catalystType) ?? 'none', sentiment, sentimentScore: own ? own.score : analysis.sentimentScore, direction,
        phase: eventPhase(calendarDay(newYorkDate(knownAt)), knownAt), relativeVolume: rvol, rvolBucket: rvolBucket(rvol), spreadBps,
        entryT: fwd.entryT, entryPrice: fwd.entryPrice, returns: fwd.returns, adjusted, mae: fwd.mae, mfe: fwd.mfe,
        textLaterThanKnown: textAsOf(item) > knownAt,
      });
    }
  }
  events.sort((a, b) => a.knownAt - b.knownAt || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  return { events, skipped };
}
