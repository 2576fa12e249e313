import type { Asset } from '../../domain/market.ts';

/** Which assets the system may trade. */
export interface UniverseConfig {
  /** A fixed list of symbols; empty means every tradable asset that passes the filters. */
  symbols: readonly string[];
  /** Exchanges allowed for equities (empty = any). */
  exchanges: readonly string[];
  cryptoEnabled: boolean;
}

/** Filters assets down to the configured universe. */
export function selectUniverse(assets: readonly Asset[], config: UniverseConfig): Asset[] {
  const listed = new Set(config.symbols.map((s) => s.toUpperCase()));
  const exchanges = new Set(config.exchanges.map((e) => e.toUpperCase()));
  return assets.filter((a) => {
    if (!a.tradable || a.status !== 'active') return false;
    if (a.assetClass === 'crypto') return config.cryptoEnabled && (listed.size === 0 || listed.has(a.symbol));
    if (listed.size > 0) return listed.has(a.symbol);
    return exchanges.size === 0 || exchanges.has(a.exchange.toUpperCase());
  });
}
