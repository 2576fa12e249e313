import type { Asset } from '../../domain/market.ts';
import { selectUniverse, type UniverseConfig } from './universe.ts';

/** How a symbol is spelt in news tags and in the asset list alike: crypto pairs lose their slash (BTCUSD). */
export const tagOf = (symbol: string) => symbol.toUpperCase().replace('/', '');

/** One market of the universe and its lookups by symbol and by news tag. */
export interface UniverseIndex {
  universe: readonly Asset[];
  bySymbol: ReadonlyMap<string, Asset>;
  byTag: ReadonlyMap<string, string>;
}

/** Builds the index of the configured universe's assets of one class. */
export function indexUniverse(assets: readonly Asset[], config: UniverseConfig, assetClass: Asset['assetClass']): UniverseIndex {
  const universe = selectUniverse(assets, config).filter((a) => a.assetClass === assetClass);
  return { universe, bySymbol: new Map(universe.map((a) => [a.symbol, a])), byTag: new Map(universe.map((a) => [tagOf(a.symbol), a.symbol])) };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameConfig = (a: UniverseConfig, b: UniverseConfig) => a.cryptoEnabled === b.cryptoEnabled && sameList(a.symbols, b.symbols) && sameList(a.exchanges, b.exchanges);

// The same frozen rows in the same order: nothing in them can have changed (fresh rows never match).
function sameFrozenRows(kept: readonly Asset[], given: readonly Asset[]): boolean {
  if (kept.length !== given.length) return false;
  for (let i = 0; i < kept.length; i++) if (kept[i] !== given[i] || !Object.isFrozen(given[i])) return false;
  return true;
}

/**
 * `indexUniverse`, kept per asset class while the same frozen asset rows (the memory store hands out its
 * stored rows frozen, once a day new ones) and an equal config come back: a scan every 5 minutes otherwise
 * filters and maps the whole asset list again. Rows that are not frozen are indexed on every call.
 */
export function universeIndexCache(): typeof indexUniverse {
  const kept = new Map<string, { assets: readonly Asset[]; config: UniverseConfig; index: UniverseIndex }>();
  return (assets, config, assetClass) => {
    const k = kept.get(assetClass);
    if (k && sameConfig(k.config, config) && sameFrozenRows(k.assets, assets)) return k.index;
    const index = indexUniverse(assets, config, assetClass);
    kept.set(assetClass, { assets: [...assets], config: { ...config, symbols: [...config.symbols], exchanges: [...config.exchanges] }, index });
    return index;
  };
}
