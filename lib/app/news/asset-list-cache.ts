import type { Clock } from '../../ports/clock.port.ts';
import type { Asset } from '../../domain/market.ts';

/**
 * The tradable asset list, read again once `ttlMs` of the trading clock has passed (or the clock went back).
 * The trading clock, never the wall's: a backtest crosses days in seconds, and a list kept for a wall-clock
 * minute would make its decisions depend on the machine's speed (invariant 5). A list read again with the same
 * content is answered with the array kept before, so what keys on the list (the analysis memo) keeps its work.
 */
export function assetListCache(clock: Clock, load: () => Promise<Asset[]>, ttlMs = 60_000): () => Promise<Asset[]> {
  let cached: { at: number; assets: Asset[] } | undefined;
  return async () => {
    const now = clock.now();
    if (!cached || now - cached.at > ttlMs || now < cached.at) {
      const assets = await load();
      cached = { at: now, assets: cached && sameAssets(cached.assets, assets) ? cached.assets : assets };
    }
    return cached.assets;
  };
}

/**
 * The same asset, key by key. Memory stores hand out the same frozen rows until the assets change (so the
 * identity check in sameAssets answers at once); Postgres's fresh rows are compared here, after a round trip
 * that costs far more.
 */
function sameAsset(x: Asset, y: Asset): boolean {
  const keys = Object.keys(x) as (keyof Asset)[];
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) if (x[k] !== y[k]) return false;
  return true;
}

/** Same assets, field by field, in the same order (every field of an Asset is a primitive). */
function sameAssets(a: readonly Asset[], b: readonly Asset[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y && !sameAsset(x, y)) return false;
  }
  return true;
}
