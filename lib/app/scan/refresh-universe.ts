import type { Broker } from '../../ports/broker.port.ts';
import type { MarketData } from '../../ports/market-data.port.ts';
import type { AnalysisStore, SymbolStats } from '../../ports/analysis-store.port.ts';
import type { Clock } from '../../ports/clock.port.ts';
import type { Bar } from '../../domain/market.ts';
import { DAY_MS } from '../../domain/time.ts';
import { addDays, newYorkDate, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { calendarDay, previousTradingDay } from '../../domain/calendar/nyse-calendar.ts';
import { selectUniverse, type UniverseConfig } from './universe.ts';

export interface RefreshDeps {
  broker: Broker;
  marketData: MarketData;
  analysis: AnalysisStore;
  clock: Clock;
}

/** Daily statistics from completed daily bars (oldest first): previous close, 20-day volumes, 14-day ATR. */
export function dailyStats(symbol: string, bars: readonly Bar[], asOf: string): SymbolStats | null {
  if (bars.length === 0) return null;
  const last20 = bars.slice(-20);
  const avgVolume20d = last20.reduce((s, b) => s + b.v, 0) / last20.length;
  const avgDollarVolume20d = last20.reduce((s, b) => s + b.v * (b.vw ?? b.c), 0) / last20.length;
  let atr14d: number | null = null;
  if (bars.length >= 15) {
    const trs = bars.slice(-14).map((b, i, arr) => {
      const prev = i === 0 ? bars[bars.length - 15]!.c : arr[i - 1]!.c;
      return Math.max(b.h - b.l, Math.abs(b.h - prev), Math.abs(b.l - prev));
    });
    atr14d = trs.reduce((s, x) => s + x, 0) / trs.length;
  }
  return { symbol, asOf, prevClose: bars.at(-1)!.c, avgVolume20d, avgDollarVolume20d, atr14d };
}

/**
 * Once a day, before the open: stores the broker's tradable assets and, for the universe, the statistics
 * of the last completed days, so each scan needs only snapshots (data calls constant in the size of the
 * universe: one multi-symbol daily-bars request per market, paginated). Equities count completed
 * sessions; crypto pairs (when enabled) count completed New York calendar days, whose bars are cut at
 * New York midnight.
 */
export async function refreshUniverse(deps: RefreshDeps, config: UniverseConfig): Promise<{ assets: number; universe: number; stats: number }> {
  const now = deps.clock.now();
  const assets = await deps.broker.getAssets({ status: 'active' });
  await deps.analysis.upsertAssets(assets, now);
  const selected = selectUniverse(assets, config);
  const equities = selected.filter((a) => a.assetClass === 'us_equity');
  const pairs = selected.filter((a) => a.assetClass === 'crypto');
  const today = newYorkDate(now);
  const lastCompleted = calendarDay(today) && now >= calendarDay(today)!.close ? today : previousTradingDay(today).date;
  const end = calendarDay(lastCompleted)!.close;
  const cryptoEnd = newYorkTime(today, '00:00');
  const [bars, cryptoBars] = await Promise.all([
    equities.length ? deps.marketData.getBars({ symbols: equities.map((a) => a.symbol), timeframe: '1Day', start: end - 45 * DAY_MS, end }) : new Map<string, Bar[]>(),
    pairs.length ? deps.marketData.getBars({ symbols: pairs.map((a) => a.symbol), timeframe: '1Day', start: cryptoEnd - 30 * DAY_MS, end: cryptoEnd }) : new Map<string, Bar[]>(),
  ]);
  const stats: SymbolStats[] = [];
  for (const a of equities) {
    const s = dailyStats(a.symbol, bars.get(a.symbol) ?? [], lastCompleted);
    if (s) stats.push(s);
  }
  for (const a of pairs) {
    // Today's bar (stamped at today's midnight) is still forming: completed days only.
    const s = dailyStats(a.symbol, (cryptoBars.get(a.symbol) ?? []).filter((b) => b.t < cryptoEnd), addDays(today, -1));
    if (s) stats.push(s);
  }
  await deps.analysis.upsertStats(stats, now);
  return { assets: assets.length, universe: equities.length + pairs.length, stats: stats.length };
}
