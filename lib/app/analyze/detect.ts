import type { MarketData } from '../../ports/market-data.port.ts';
import type { Clock } from '../../ports/clock.port.ts';
import type { Detection } from '../../strategy/decide/strategy-types.ts';
import { detectPatterns } from '../../strategy/patterns/detect-patterns.ts';
import { detectSetups } from '../../strategy/setups/detect-setups.ts';
import { recentSetupInput } from '../../strategy/setups/recent-setup-input.ts';
import { firstAtOrAfter } from '../../strategy/setups/trading-days.ts';
import { recentMinuteColumns, type RecentBarsCache } from './recent-columns.ts';

export interface DetectDeps {
  marketData: MarketData;
  clock: Clock;
  /** Recent bars shared with technical/signals for the same instant (a stepped clock's backtest). */
  recentBars?: RecentBarsCache;
}

/**
 * Detections confirmed in the last `lookbackMinutes`, per symbol: candle patterns and day-trading setups.
 * Crypto pairs (`aroundTheClock`) have their setups found in midnight-to-midnight New York days.
 */
export async function detectRecent(deps: DetectDeps, symbols: readonly string[], lookbackMinutes = 30, aroundTheClock = false): Promise<Record<string, Detection[]>> {
  const now = deps.clock.now();
  const bars = await recentMinuteColumns(deps.marketData, symbols, now, deps.recentBars);
  const since = now - lookbackMinutes * 60_000;
  const out: Record<string, Detection[]> = {};
  for (const symbol of symbols) {
    const cols = bars.get(symbol)?.columns;
    if (!cols?.length) {
      out[symbol] = [];
      continue;
    }
    // Only the detections completing since `since` are kept: the rules run on those bars (setups: those days) only.
    const patterns: Detection[] = detectPatterns(cols, undefined, firstAtOrAfter(cols.t, 0, cols.length, since))
      .map((h) => ({ name: h.pattern, kind: 'pattern', direction: h.direction, t: h.t, levels: {} }));
    const setups: Detection[] = detectSetups(recentSetupInput(cols, since, aroundTheClock))
      .filter((h) => h.t >= since)
      .map((h) => ({ name: h.setup, kind: 'setup', direction: h.direction, t: h.t, levels: h.levels }));
    out[symbol] = [...setups, ...patterns].sort((a, b) => b.t - a.t);
  }
  return out;
}
