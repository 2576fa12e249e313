import type { Random } from '../../../shared/random.ts';
import type { Asset } from '../../../domain/market.ts';
import type { AssetProfile, Sector, Tier } from './market-types.ts';
import { CRYPTO_PAIRS, NAME_HEADS, NAME_TAILS, SECTOR_EXCHANGES, SECTOR_SUFFIXES, SECTOR_WEIGHTS, TIERS } from './name-parts.ts';

/** Equity prices are stored in 1/10,000 USD so sub-dollar prices keep their four decimals. */
export const EQUITY_PRICE_SCALE = 10_000;

type EquityTier = Exclude<Tier, 'crypto'>;
const NAME_PREFIXES = ['First', 'United', 'Pacific', 'Atlantic', 'Global', 'American', 'Summit', 'Northern', 'Harbor', 'Crescent'];

function weighted<T>(rng: Random, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

const between = (rng: Random, [lo, hi]: readonly [number, number]) => lo + rng.next() * (hi - lo);
const logBetween = (rng: Random, [lo, hi]: readonly [number, number]) => Math.exp(Math.log(lo) + rng.next() * (Math.log(hi) - Math.log(lo)));

function skeleton(root: string): string {
  const up = root.toUpperCase();
  let out = up[0]!;
  for (const ch of up.slice(1)) if (!'AEIOU'.includes(ch) && !out.includes(ch)) out += ch;
  return out;
}

/** Ticker candidates from the name, shortest first for NYSE (which favours 1-3 letters), 4 letters for NASDAQ. */
function tickerCandidates(root: string, suffix: string, exchange: string): string[] {
  const up = root.toUpperCase().replace(/[^A-Z]/g, '');
  const sk = skeleton(root);
  const s = suffix[0]!.toUpperCase();
  const three = [sk.slice(0, 3), up.slice(0, 3), sk.slice(0, 2) + s].filter((t) => t.length === 3);
  const four = [sk.slice(0, 4), sk.slice(0, 3) + s, up.slice(0, 4), up.slice(0, 2) + sk.slice(1, 2) + s].filter((t) => t.length === 4);
  return exchange === 'NASDAQ' ? [...four, ...three] : [...three, ...four];
}

function uniqueTicker(rng: Random, candidates: string[], taken: Set<string>): string {
  for (const c of candidates) if (!taken.has(c)) return c;
  const base = candidates[0] ?? 'X';
  for (;;) {
    const extra = String.fromCharCode(65 + rng.int(0, 25)) + (rng.chance(0.5) ? String.fromCharCode(65 + rng.int(0, 25)) : '');
    const t = (base.slice(0, 3) + extra).slice(0, 5);
    if (!taken.has(t)) return t;
  }
}

function equityProfile(rng: Random, takenTickers: Set<string>, takenNames: Set<string>): AssetProfile {
  const tierName = weighted(rng, (Object.keys(TIERS) as EquityTier[]).map((t) => [t, TIERS[t].weight] as [EquityTier, number]));
  const tier = TIERS[tierName];
  const sector = weighted<Sector>(rng, SECTOR_WEIGHTS[tierName]);
  let root = '';
  let name = '';
  let suffix = '';
  for (let attempt = 0; ; attempt++) {
    root = rng.pick(NAME_HEADS) + rng.pick(NAME_TAILS);
    suffix = rng.pick(SECTOR_SUFFIXES[sector]);
    const prefix = attempt > 20 ? `${rng.pick(NAME_PREFIXES)} ` : '';
    name = `${prefix}${root} ${suffix}`;
    if (!takenNames.has(name)) break;
  }
  takenNames.add(name);
  const exchange = rng.pick(SECTOR_EXCHANGES[sector]);
  const symbol = uniqueTicker(rng, tickerCandidates(root, suffix, exchange), takenTickers);
  takenTickers.add(symbol);
  const basePrice = Math.round(logBetween(rng, tier.price) * 100) / 100;
  const liquid = tierName === 'mega' || tierName === 'large';
  const asset: Asset = {
    symbol,
    name: /(Inc\.|Corp\.|Trust|REIT)$/.test(name) ? name : `${name} Inc.`,
    exchange,
    assetClass: 'us_equity',
    status: 'active',
    tradable: true,
    shortable: tierName !== 'micro' || rng.chance(0.3),
    easyToBorrow: liquid || tierName === 'mid',
    fractionable: liquid,
    marginable: tierName !== 'micro',
    minTradeIncrement: 1,
    priceIncrement: 0.01,
    minOrderSize: 1,
  };
  return {
    asset,
    sector,
    tier: tierName,
    basePrice,
    averageDailyVolume: Math.round(logBetween(rng, tier.volume)),
    beta: between(rng, tier.beta),
    dailyVolatility: between(rng, tier.volatility),
    newsPerDay: tier.newsPerDay * (sector === 'biotech' ? 1.3 : 1),
    spreadBps: between(rng, tier.spreadBps),
    averageTradeSize: tier.tradeSize,
    priceScale: EQUITY_PRICE_SCALE,
  };
}

function cryptoProfile(rng: Random, pair: (typeof CRYPTO_PAIRS)[number]): AssetProfile {
  const scale = 10 ** pair.decimals;
  return {
    asset: {
      symbol: pair.symbol,
      name: pair.name,
      exchange: 'CRYPTO',
      assetClass: 'crypto',
      status: 'active',
      tradable: true,
      shortable: false,
      easyToBorrow: false,
      fractionable: true,
      marginable: false,
      minTradeIncrement: 1e-9,
      priceIncrement: 1 / scale,
      minOrderSize: pair.minOrderSize,
    },
    sector: 'crypto',
    tier: 'crypto',
    basePrice: Math.round(logBetween(rng, pair.price) * scale) / scale,
    averageDailyVolume: pair.volume,
    beta: pair.beta,
    dailyVolatility: pair.volatility * 0.5,
    newsPerDay: 0.04,
    spreadBps: 3,
    averageTradeSize: pair.tradeSize,
    priceScale: scale,
  };
}

/**
 * The synthetic universe, sorted by symbol. Symbol i is drawn from its own stream in creation order, so a
 * larger universe keeps every symbol of a smaller one with the same seed.
 */
export function createUniverse(root: Random, equities: number, cryptoPairs: number): AssetProfile[] {
  const takenTickers = new Set<string>(CRYPTO_PAIRS.map((p) => p.symbol));
  const takenNames = new Set<string>();
  const out: AssetProfile[] = [];
  for (let i = 0; i < equities; i++) out.push(equityProfile(root.fork(`asset:${i}`), takenTickers, takenNames));
  for (let i = 0; i < Math.min(cryptoPairs, CRYPTO_PAIRS.length); i++) out.push(cryptoProfile(root.fork(`crypto-asset:${i}`), CRYPTO_PAIRS[i]!));
  return out.sort((a, b) => (a.asset.symbol < b.asset.symbol ? -1 : a.asset.symbol > b.asset.symbol ? 1 : 0));
}
