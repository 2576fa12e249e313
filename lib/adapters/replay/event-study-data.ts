import type { Asset, Bar } from '../../domain/market.ts';
import type { EpochMs, IsoDate } from '../../domain/time.ts';
import type { NewsItem } from '../../domain/news.ts';
import { addDays, newYorkDate, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import type { PgHistoryRepo } from './history.repo.ts';
import { SPREAD_MODEL_NAME, spreadAt, spreadSchedule, type SpreadSchedule } from './spread-model.ts';

/** Stored history an event study reads: news, one-minute bars, each symbol's daily volume and spread. */
export interface EventStudyData {
  news: NewsItem[];
  minuteBars: Map<string, Bar[]>;
  dailyVolume: Map<string, Map<IsoDate, number>>;
  spreadBpsAt: (symbol: string, t: EpochMs) => number;
  spreadModel: string;
}

/** Days of daily bars read before the window: the spread model's 60 sessions and the 20-session volume average. */
const CONTEXT_DAYS = 100;
/** Days of minute bars read before the window: enough for a 20-session volume average where no daily bars are stored. */
const MINUTE_CONTEXT_DAYS = 31;
/** Stories first stamped this many days before the window are loaded whole, so their updates are not taken for new stories. */
const NEWS_LOOKBACK_DAYS = 7;
/** Minute bars after the window: the 'close' horizon of after-hours news on the last day ends at a later close. */
const AFTER_DAYS = 5;

function group(rows: readonly { symbol: string; bar: Bar }[]): Map<string, Bar[]> {
  const out = new Map<string, Bar[]>();
  for (const r of rows) {
    const list = out.get(r.symbol);
    if (list) list.push(r.bar);
    else out.set(r.symbol, [r.bar]);
  }
  return out;
}

/**
 * Loads what an event study of [from, to] needs (New York dates): the news, the symbols' minute bars (and
 * the index's), daily bars before them for the spread model and the volume averages. `symbols` narrows the
 * bars (the index is always read); `spreadBps` gives known spreads instead of the model (synthetic history).
 */
export async function loadEventStudyData(
  repo: PgHistoryRepo,
  range: { from: IsoDate; to: IsoDate; symbols?: readonly string[]; indexSymbol?: string; assets?: readonly Asset[]; spreadBps?: Readonly<Record<string, number>> },
): Promise<EventStudyData> {
  const end = newYorkTime(addDays(range.to, 1), '00:00');
  const symbols = range.symbols ? [...new Set([...range.symbols, ...(range.indexSymbol ? [range.indexSymbol] : [])])] : undefined;
  const [minute, daily, news] = await Promise.all([
    repo.loadBars({ timeframe: '1Min', from: newYorkTime(addDays(range.from, -MINUTE_CONTEXT_DAYS), '00:00'), to: newYorkTime(addDays(range.to, 1 + AFTER_DAYS), '00:00'), ...(symbols ? { symbols } : {}) }),
    repo.loadBars({ timeframe: '1Day', from: newYorkTime(addDays(range.from, -CONTEXT_DAYS), '00:00'), to: end, ...(symbols ? { symbols } : {}) }),
    repo.loadNews({ from: newYorkTime(addDays(range.from, -NEWS_LOOKBACK_DAYS), '00:00'), to: end }),
  ]);
  const minuteBars = group(minute);
  const dailyBars = group(daily);
  const dailyVolume = new Map<string, Map<IsoDate, number>>();
  const spreads = new Map<string, SpreadSchedule>();
  for (const symbol of new Set([...minuteBars.keys(), ...dailyBars.keys()])) {
    const intraday = minuteBars.get(symbol) ?? [];
    const firstIntradayDay = intraday.length ? newYorkDate(intraday[0]!.t) : null;
    // Daily bars where they are stored, the minute bars' days after them: one series for both models.
    const context = (dailyBars.get(symbol) ?? []).filter((b) => firstIntradayDay === null || newYorkDate(b.t) < firstIntradayDay);
    const volumes = new Map<IsoDate, number>();
    for (const b of [...context, ...intraday]) {
      const d = newYorkDate(b.t);
      volumes.set(d, (volumes.get(d) ?? 0) + b.v);
    }
    dailyVolume.set(symbol, volumes);
    spreads.set(symbol, spreadSchedule([...context, ...intraday], symbol.includes('/')));
  }
  const given = range.spreadBps;
  return {
    news,
    minuteBars,
    dailyVolume,
    spreadBpsAt: (symbol, t) => given?.[symbol] ?? (spreads.has(symbol) ? spreadAt(spreads.get(symbol)!, t, 10) : 10),
    spreadModel: given ? 'the synthetic market\'s own quoted spreads (known: the history was recorded from it)' : SPREAD_MODEL_NAME,
  };
}
