import type { Asset } from '../../domain/market.ts';
import type { IsoDate } from '../../domain/time.ts';
import { calendarBetween, previousTradingDay } from '../../domain/calendar/nyse-calendar.ts';
import { addDays, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import type { SyntheticMarket } from '../sim/market/synthetic-market.ts';
import type { HistoryBar } from './history-types.ts';
import type { PgHistoryRepo } from './history.repo.ts';

export interface SyntheticHistoryRange {
  /** First and last session to replay (New York dates). */
  from: IsoDate;
  to: IsoDate;
  /** Calendar days of daily bars before `from` (context: previous closes, average volumes). Default 70. */
  contextDays?: number;
}

export interface RecordedHistory {
  assets: readonly Asset[];
  /** Each symbol's regular-session quoted spread in the synthetic market, bps (history stores no quotes: a replay that should see the same quotes passes these). */
  spreadBps: Record<string, number>;
  dailyBars: number;
  minuteBars: number;
  news: number;
}

/** Where the synthetic history is stored: the source name of its bars. */
export const SYNTHETIC_SOURCE = 'synthetic';

/**
 * Writes what the synthetic market would show as stored history: daily bars for the context days, one-minute
 * bars from the session before `from` (indicator warm-up) through `to`, and every news version up to the
 * end of `to`. Replaying it is then a backtest of recorded data, through the same importer tables and
 * loader as any other history. One upsert per batch of rows, day by day (memory stays flat).
 */
export async function recordSyntheticHistory(repo: PgHistoryRepo, market: SyntheticMarket, range: SyntheticHistoryRange, progress?: (line: string) => void): Promise<RecordedHistory> {
  const assets = market.assets();
  const symbols = assets.map((a) => a.symbol);
  const warmup = previousTradingDay(range.from).date;
  const contextStart = addDays(range.from, -(range.contextDays ?? 70));
  const daily: HistoryBar[] = [];
  for (const day of calendarBetween(contextStart, addDays(warmup, -1))) {
    for (const symbol of symbols) {
      const bar = market.sessionBar(symbol, day.date, day.close);
      if (bar) daily.push({ symbol, timeframe: '1Day', bar });
    }
  }
  await repo.upsertBars(daily, SYNTHETIC_SOURCE);
  progress?.(`daily context ${contextStart}..${addDays(warmup, -1)}: ${daily.length} bars`);
  let minuteBars = 0;
  for (const day of calendarBetween(warmup, range.to)) {
    const rows: HistoryBar[] = [];
    for (const [symbol, bars] of market.barsOf(symbols, newYorkTime(day.date, '00:00'), newYorkTime(addDays(day.date, 1), '00:00'))) {
      for (const bar of bars) rows.push({ symbol, timeframe: '1Min', bar });
    }
    await repo.upsertBars(rows, SYNTHETIC_SOURCE);
    minuteBars += rows.length;
    progress?.(`minute bars ${day.date}: ${rows.length}`);
  }
  const news = market.newsBetween(newYorkTime(addDays(range.from, -3), '00:00'), newYorkTime(addDays(range.to, 1), '00:00'));
  await repo.upsertNews(news);
  progress?.(`news: ${news.length} versions`);
  const spreadBps = Object.fromEntries(market.profiles().map((p) => [p.asset.symbol, p.spreadBps]));
  return { assets, spreadBps, dailyBars: daily.length, minuteBars, news: news.length };
}
