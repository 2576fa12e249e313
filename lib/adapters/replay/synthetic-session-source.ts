import type { Asset, Bar } from '../../domain/market.ts';
import type { EpochMs } from '../../domain/time.ts';
import type { NewsItem } from '../../domain/news.ts';
import { calendarBetween, previousTradingDay } from '../../domain/calendar/nyse-calendar.ts';
import { addDays, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { DAY_MS } from '../../domain/time.ts';
import type { SyntheticMarket } from '../sim/market/synthetic-market.ts';
import type { BarColumns } from '../sim/market/bar-rows.ts';
import type { SyntheticHistoryRange } from './synthetic-history.ts';
import type { SessionData, SessionSource, StreamPlan } from './session-source.ts';

export interface SyntheticSourceOptions {
  /** Asset records (default: the market's). */
  assets?: readonly Asset[];
  /** Known quoted spreads, bps (see ReplayFeedInput.spreadBps); modelled from the bars by default. */
  spreadBps?: number | Readonly<Record<string, number>>;
  /** Replay only these symbols (as loadReplayFeed's `symbols` does). */
  symbols?: readonly string[];
}

// What a round trip through history_bars does to a bar: the trade count is stored as a whole number. The
// market hands out fresh bars, so they are changed in place (a session of 500 symbols is 480,000 bars).
const asStoredBar = (b: Bar): Bar => {
  if (b.n !== undefined) b.n = Math.round(b.n);
  return b;
};

/** What a round trip through history_news does to an item: received when versioned, symbols sorted once each, extras as JSON. */
export function asStoredNews(n: NewsItem): NewsItem {
  const meta = n.meta && Object.keys(n.meta).length ? { meta: JSON.parse(JSON.stringify(n.meta)) as Record<string, unknown> } : {};
  const symbols = [...new Set(n.symbols)].sort();
  return { source: n.source, sourceId: n.sourceId, version: n.version, publishedAt: n.publishedAt, receivedAt: n.version, headline: n.headline, summary: n.summary, url: n.url, symbols, contentHash: n.contentHash, ...meta };
}

/**
 * The synthetic market served session by session, with no database: the same daily context, minute bars and
 * news that `recordSyntheticHistory` would store for `range` and `loadReplayFeed` would load back for the
 * window from `contextDays` (default 70) before `from` to the end of `to`.
 */
export function syntheticSessionSource(market: SyntheticMarket, range: SyntheticHistoryRange, options: SyntheticSourceOptions = {}): SessionSource {
  const only = options.symbols ? new Set(options.symbols) : null;
  const symbols = market.assets().map((a) => a.symbol).filter((s) => !only || only.has(s));
  const warmup = previousTradingDay(range.from).date;
  const windowFrom = newYorkTime(addDays(range.from, -(range.contextDays ?? 70)), '00:00');
  const windowTo = newYorkTime(addDays(range.to, 1), '00:00');
  // Recorded: versions in (from - 3 days, to + 1 day]; loaded back: versions before windowTo.
  const newsFrom = Math.max(windowFrom, newYorkTime(addDays(range.from, -3), '00:00') + 1);
  return {
    async plan(): Promise<StreamPlan> {
      const context = new Map<string, Bar[]>(symbols.map((s) => [s, []]));
      for (const day of calendarBetween(addDays(range.from, -(range.contextDays ?? 70)), addDays(warmup, -1))) {
        for (const symbol of symbols) {
          const bar = market.sessionBar(symbol, day.date, day.close);
          if (bar) context.get(symbol)!.push(asStoredBar(bar));
        }
      }
      const firsts = [...context.values()].flatMap((bars) => (bars.length ? [bars[0]!.t] : []));
      const span = (): { first: EpochMs; last: EpochMs } | null => {
        const lasts = symbols.flatMap((s) => market.latestBar(s, windowTo, 14 * DAY_MS)?.t ?? []);
        const first = Math.min(...firsts, ...symbols.flatMap((s) => market.barsOf([s], newYorkTime(warmup, '00:00'), windowTo).get(s)?.[0]?.t ?? []));
        return Number.isFinite(first) ? { first, last: Math.max(...lasts, ...firsts) } : null;
      };
      return {
        assets: (options.assets ?? market.assets()).filter((a) => !only || only.has(a.symbol)),
        context,
        streamed: new Map(symbols.map((s) => [s, '1Min'])),
        from: windowFrom,
        to: windowTo,
        streamFrom: newYorkTime(warmup, '00:00'),
        newsFrom,
        span,
        ...(options.spreadBps === undefined ? {} : { spreadBps: options.spreadBps }),
      };
    },
    async load(window): Promise<SessionData> {
      // Columns, not Bar objects; trade counts come whole (asStoredBar's rounding has nothing to do).
      const bars = new Map<string, BarColumns>();
      for (const [symbol, cols] of market.barColumnsOf(symbols, window.from, window.to)) if (cols.count) bars.set(symbol, cols);
      const from = Math.max(window.newsFrom, newsFrom);
      const news = from < window.to ? market.newsBetween(from - 1, window.to - 1).map(asStoredNews) : [];
      return { bars, news };
    },
  };
}
