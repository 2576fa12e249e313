import type { Asset, Bar, Quote, Timeframe } from '../../domain/market.ts';
import type { EpochMs } from '../../domain/time.ts';
import { HOUR_MS, MINUTE_MS } from '../../domain/time.ts';
import { calendarDay } from '../../domain/calendar/nyse-calendar.ts';
import { addDays, newYorkDate, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { AppError } from '../../shared/errors.ts';

/**
 * When a bar of this timeframe ends: n minutes or hours after it starts; a stock's daily bar at that day's
 * regular close (13:00 on early closes; 16:00 when the calendar has no session, as on special closures the
 * data still shows), a crypto daily bar at the next New York midnight.
 */
export function barEndFor(symbol: string, timeframe: Timeframe): (start: EpochMs) => EpochMs {
  const m = /^(\d+)(Min|Hour|Day)$/.exec(timeframe);
  if (!m) throw new AppError('BAD_REQUEST', `Replay cannot play ${timeframe} bars of ${symbol}: use minutes, hours or days`);
  const n = Number(m[1]);
  if (m[2] === 'Min') return (t) => t + n * MINUTE_MS;
  if (m[2] === 'Hour') return (t) => t + n * HOUR_MS;
  if (n !== 1) throw new AppError('BAD_REQUEST', `Replay cannot play ${timeframe} bars of ${symbol}`);
  if (symbol.includes('/')) return (t) => newYorkTime(addDays(newYorkDate(t), 1), '00:00');
  return (t) => {
    const date = newYorkDate(t);
    return calendarDay(date)?.close ?? newYorkTime(date, '16:00');
  };
}

/** A plain asset record for a replayed symbol ('BTC/USD'-style symbols are crypto). */
export function replayAsset(symbol: string): Asset {
  const crypto = symbol.includes('/');
  return {
    symbol,
    name: symbol,
    exchange: crypto ? 'CRYPTO' : 'UNKNOWN',
    assetClass: crypto ? 'crypto' : 'us_equity',
    status: 'active',
    tradable: true,
    shortable: !crypto,
    easyToBorrow: !crypto,
    fractionable: true,
    marginable: !crypto,
    minTradeIncrement: crypto ? 1e-9 : 1,
    priceIncrement: crypto ? 1e-8 : 0.01,
    minOrderSize: crypto ? 1e-9 : 1,
  };
}

/**
 * History has no quotes: the replayed quote is `spreadBps` wide (at least one tick) around the last close,
 * which sits at the mid (an odd number of ticks puts it half a tick under the mid on even minutes, over it on
 * odd ones, so that on average trades print at the mid), sizes of one round lot, stamped when the bar ended.
 */
export function replayQuote(bar: Bar, end: EpochMs, spreadBps: number, crypto: boolean): Quote {
  const tick = crypto ? 1e-8 : bar.c >= 1 ? 0.01 : 0.0001;
  const units = Math.round(bar.c / tick);
  const ticks = Math.max(1, Math.round((bar.c * spreadBps) / 10_000 / tick));
  const below = ticks % 2 === 0 || Math.floor(bar.t / 60_000) % 2 === 0 ? Math.floor(ticks / 2) : Math.ceil(ticks / 2);
  const bid = Math.max(1, units - below);
  const digits = crypto ? 8 : bar.c >= 1 ? 2 : 4;
  const price = (u: number) => Number((u * tick).toFixed(digits));
  return { t: end, bidPrice: price(bid), bidSize: crypto ? 1 : 100, askPrice: price(bid + ticks), askSize: crypto ? 1 : 100 };
}
