import type { MarketData } from '../../ports/market-data.port.ts';
import type { Bar } from '../../domain/market.ts';
import { newYorkDate, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { previousTradingDay } from '../../domain/calendar/nyse-calendar.ts';

/**
 * One-minute bars of the symbols from the previous session's last hours (indicator warm-up and the
 * previous close) up to `now`, completed bars only: a bar starting at t is known at t + 1 min.
 * One multi-symbol request (paginated by the adapter).
 */
export async function recentMinuteBars(marketData: MarketData, symbols: readonly string[], now: number): Promise<Map<string, Bar[]>> {
  if (symbols.length === 0) return new Map();
  const previous = previousTradingDay(newYorkDate(now));
  const start = newYorkTime(previous.date, '13:00');
  const bars = await marketData.getBars({ symbols, timeframe: '1Min', start, end: now });
  const out = new Map<string, Bar[]>();
  const completed = (b: Bar) => b.t + 60_000 <= now;
  // On a clock that reads whole minutes every bar has ended: the list itself then, not a copy of it.
  for (const [symbol, list] of bars) out.set(symbol, list.every(completed) ? list : list.filter(completed));
  return out;
}
