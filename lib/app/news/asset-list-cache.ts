import type { Clock } from '../../ports/clock.port.ts';
import type { Asset } from '../../domain/market.ts';

/**
 * The tradable asset list, read again once `ttlMs` of the trading clock has passed (or the clock went back).
 * The trading clock, never the wall's: a backtest crosses days in seconds, and a list kept for a wall-clock
 * minute would make its decisions depend on the machine's speed (invariant 5).
 */
export function assetListCache(clock: Clock, load: () => Promise<Asset[]>, ttlMs = 60_000): () => Promise<Asset[]> {
  let cached: { at: number; assets: Asset[] } | undefined;
  return async () => {
    const now = clock.now();
    if (!cached || now - cached.at > ttlMs || now < cached.at) cached = { at: now, assets: await load() };
    return cached.assets;
  };
}
