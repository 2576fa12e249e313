import type { EpochMs, IsoDate } from '../../domain/time.ts';
import { calendarDay, previousTradingDay } from '../../domain/calendar/nyse-calendar.ts';
import { addDays, newYorkDate, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { SimMarketData } from '../sim/sim-market-data.ts';
import { NO_NEWS_LATENCY, SimNewsSource } from '../sim/sim-news-source.ts';
import type { SimFeed } from '../sim/sim-feed.ts';

/** Every answer the system's ports and the broker read from a feed at `t` (the previous query at `prev`). */
export async function answersAt(feed: SimFeed, t: EpochMs, prev: EpochMs): Promise<unknown> {
  const clock = { now: () => t };
  const data = new SimMarketData(feed, clock);
  const symbols = feed.assets().map((a) => a.symbol);
  const yesterday = newYorkTime(previousTradingDay(newYorkDate(t)).date, '13:00');
  const narrowTo = new Set(symbols.filter((_, i) => i % 3 === 1));
  const countOf = (feed as { countBetween?: (from: EpochMs, to: EpochMs) => number }).countBetween;
  return {
    between: [...feed.barsBetween(prev, t)],
    // A feed without the narrowed span or the count is answered by barsBetween filtered or counted.
    narrowed: feed.barsOfSymbolsBetween ? feed.barsOfSymbolsBetween(narrowTo, prev, t) : [...feed.barsBetween(prev, t)].filter((x) => narrowTo.has(x.symbol)),
    counted: countOf ? countOf(prev, t) : [...feed.barsBetween(prev, t)].length,
    quotes: symbols.map((s) => feed.quoteAt(s, t)),
    news: feed.newsBetween(t - 6 * 3_600_000, t),
    minutes: await data.getBars({ symbols, timeframe: '1Min', start: yesterday, end: t }),
    fiveMinutes: await data.getBars({ symbols: symbols.slice(0, 3), timeframe: '5Min', start: yesterday, end: t }),
    daily: await data.getBars({ symbols, timeframe: '1Day', start: t - 45 * 86_400_000, end: t }),
    snapshots: await data.getSnapshots(symbols),
    movers: await data.getMovers({ top: 5, market: 'stocks' }),
    actives: await data.getMostActives({ by: 'volume', top: 5 }),
    trades: await data.getLatestTrades(symbols),
    polled: await new SimNewsSource(feed, clock, 'replay', NO_NEWS_LATENCY).fetchSince({ since: t - 6 * 3_600_000 }),
  };
}

/** Query instants of a session: every 30 minutes around the clock, every 10 minutes in the session, and the minutes at the open and close. */
export function instantsOf(date: IsoDate): EpochMs[] {
  const day = calendarDay(date)!;
  const out = new Set<EpochMs>();
  for (let t = newYorkTime(date, '00:00'); t < newYorkTime(addDays(date, 1), '00:00'); t += 30 * 60_000) out.add(t);
  for (let t = day.open - 10 * 60_000; t <= day.close + 5 * 60_000; t += 10 * 60_000) out.add(t);
  for (const edge of [day.open, day.close]) for (let k = -2; k <= 2; k++) out.add(edge + k * 60_000 + (k === 1 ? 30_000 : 0));
  return [...out].sort((a, b) => a - b);
}

