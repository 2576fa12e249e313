import type { IsoDate } from '../../domain/time.ts';
import { calendarBetween, previousTradingDay } from '../../domain/calendar/nyse-calendar.ts';
import { addDays, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import type { SyntheticMarket } from '../sim/market/synthetic-market.ts';
import { createReplayFeed, type ReplayFeed, type ReplaySeries } from './replay-feed.ts';

/**
 * The history `recordSyntheticHistory` would store for [from, to] (daily context bars, minute bars from the
 * session before `from`, news from three days before), handed to the replay feed directly, without a
 * database: the in-memory backtest of the synthetic market, and the benchmark's universe. `symbols` narrows it.
 */
export function syntheticReplayFeed(market: SyntheticMarket, range: { from: IsoDate; to: IsoDate; contextDays?: number; symbols?: readonly string[] }): ReplayFeed {
  const wanted = range.symbols ? new Set(range.symbols) : null;
  const assets = market.assets().filter((a) => !wanted || wanted.has(a.symbol));
  const symbols = assets.map((a) => a.symbol);
  const warmup = previousTradingDay(range.from).date;
  const contextStart = addDays(range.from, -(range.contextDays ?? 70));
  const daily = new Map<string, ReplaySeries>(symbols.map((s) => [s, { symbol: s, timeframe: '1Day', bars: [] }]));
  for (const day of calendarBetween(contextStart, addDays(warmup, -1))) {
    for (const symbol of symbols) {
      const bar = market.sessionBar(symbol, day.date, day.close);
      if (bar) daily.get(symbol)!.bars.push(bar);
    }
  }
  const minute = market.barsOf(symbols, newYorkTime(warmup, '00:00'), newYorkTime(addDays(range.to, 1), '00:00'));
  const series: ReplaySeries[] = [];
  for (const symbol of symbols) {
    const bars = minute.get(symbol) ?? [];
    const context = daily.get(symbol)!;
    // A symbol with both series gives daily context plus minute bars; the feed wants exactly that pair or one series.
    if (bars.length) series.push({ symbol, timeframe: '1Min', bars });
    if (context.bars.length) series.push(context);
  }
  const news = market.newsBetween(newYorkTime(addDays(range.from, -3), '00:00'), newYorkTime(addDays(range.to, 1), '00:00'));
  return createReplayFeed({ series, news, assets });
}
