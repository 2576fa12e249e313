import type { MarketData } from '../../ports/market-data.port.ts';
import type { Bar } from '../../domain/market.ts';
import type { EpochMs } from '../../domain/time.ts';
import { toColumns, type BarColumns } from '../../strategy/indicators/bar-columns.ts';
import { recentMinuteBars } from './recent-bars.ts';

/** One symbol's recent one-minute bars and their columns (shared between callers: read only). */
export interface RecentBars {
  bars: readonly Bar[];
  columns: BarColumns;
}

/**
 * Recent bars kept for one clock reading: patterns/detect and then technical/signals ask for the same batch at
 * the same instant of a stepped clock (a backtest), and fetched and copied them into columns twice. A new
 * instant or another MarketData starts afresh, so nothing is served that a fresh request would not return.
 */
export interface RecentBarsCache {
  at: EpochMs;
  source: MarketData | null;
  bySymbol: Map<string, RecentBars>;
}

/** An empty cache, one per runtime (patterns/detect and technical/signals share it in-process). */
export function recentBarsCache(): RecentBarsCache {
  return { at: Number.NaN, source: null, bySymbol: new Map() };
}

/** recentMinuteBars of `symbols` as columns, through `cache` when given: only the symbols it lacks for `now` are requested. */
export async function recentMinuteColumns(marketData: MarketData, symbols: readonly string[], now: EpochMs, cache?: RecentBarsCache): Promise<Map<string, RecentBars>> {
  if (cache && (cache.at !== now || cache.source !== marketData)) {
    cache.at = now;
    cache.source = marketData;
    cache.bySymbol.clear();
  }
  const missing = cache ? symbols.filter((s) => !cache.bySymbol.has(s)) : symbols;
  const fetched = await recentMinuteBars(marketData, missing, now);
  const out = new Map<string, RecentBars>();
  for (const symbol of symbols) {
    let recent = cache?.bySymbol.get(symbol);
    if (!recent) {
      const bars = fetched.get(symbol) ?? [];
      recent = { bars, columns: toColumns(bars) };
      cache?.bySymbol.set(symbol, recent);
    }
    out.set(symbol, recent);
  }
  return out;
}
