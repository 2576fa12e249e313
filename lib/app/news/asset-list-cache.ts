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

/** Every field of an Asset: tsc fails here when Asset gains one, so that `sameAsset` compares it too. */
const ASSET_FIELDS: Record<keyof Asset, true> = {
  symbol: true,
  name: true,
  exchange: true,
  assetClass: true,
  status: true,
  tradable: true,
  shortable: true,
  easyToBorrow: true,
  fractionable: true,
  marginable: true,
  minTradeIncrement: true,
  priceIncrement: true,
  minOrderSize: true,
};
const FIELD_COUNT = Object.keys(ASSET_FIELDS).length;

function keyCount(o: object): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}

/** The same asset, field by field. Named fields rather than a loop over keys: 7 times faster (read every 2 minutes for the whole universe). */
function sameAsset(x: Asset, y: Asset): boolean {
  if (keyCount(x) !== FIELD_COUNT || keyCount(y) !== FIELD_COUNT) return sameKeysAndValues(x, y);
  return (
    x.symbol === y.symbol &&
    x.name === y.name &&
    x.exchange === y.exchange &&
    x.assetClass === y.assetClass &&
    x.status === y.status &&
    x.tradable === y.tradable &&
    x.shortable === y.shortable &&
    x.easyToBorrow === y.easyToBorrow &&
    x.fractionable === y.fractionable &&
    x.marginable === y.marginable &&
    x.minTradeIncrement === y.minTradeIncrement &&
    x.priceIncrement === y.priceIncrement &&
    x.minOrderSize === y.minOrderSize
  );
}

/** An object with other keys than an Asset's (a partial test double, or extra fields): compared key by key. */
function sameKeysAndValues(x: Asset, y: Asset): boolean {
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
