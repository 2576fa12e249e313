import type { Sector, Tier } from './market-types.ts';

// Made-up word parts: combined they give thousands of distinct, plausible company names.
export const NAME_HEADS = [
  'Aster', 'Bel', 'Cor', 'Dyn', 'Ev', 'Fal', 'Gal', 'Hal', 'Ion', 'Jun', 'Kel', 'Lum', 'Mer', 'Nov', 'Or', 'Pax',
  'Quan', 'Riv', 'Sol', 'Ter', 'Ul', 'Ver', 'Wex', 'Xan', 'Yor', 'Zen', 'Ard', 'Bry', 'Cal', 'Del', 'Em', 'Fen',
  'Gran', 'Hel', 'Ism', 'Kor', 'Lin', 'Mav', 'Nex', 'Ost', 'Pel', 'Rho', 'Sev', 'Tal', 'Vant', 'Wyn',
] as const;

export const NAME_TAILS = ['a', 'ex', 'on', 'ia', 'ix', 'ara', 'eon', 'ity', 'ant', 'ova', 'ium', 'ora', 'is', 'yn', 'ar', 'iq'] as const;

export const SECTOR_SUFFIXES: Record<Sector, readonly string[]> = {
  technology: ['Systems', 'Software', 'Semiconductor', 'Networks', 'Micro Devices', 'Cloud', 'Data Corp.'],
  biotech: ['Therapeutics', 'Biosciences', 'Pharmaceuticals', 'Genomics', 'Bio Inc.', 'Oncology'],
  healthcare: ['Health', 'Medical', 'Diagnostics', 'Surgical', 'Care Group'],
  financials: ['Bancorp', 'Financial', 'Capital', 'Insurance Group', 'Trust'],
  energy: ['Energy', 'Petroleum', 'Resources', 'Solar', 'Midstream'],
  consumer: ['Brands', 'Foods', 'Retail', 'Apparel', 'Restaurants', 'Home'],
  industrials: ['Industries', 'Aerospace', 'Logistics', 'Machinery', 'Materials'],
  utilities: ['Power & Light', 'Utilities', 'Water', 'Gas & Electric'],
  real_estate: ['Realty', 'Properties', 'Residential REIT', 'Storage Trust'],
  communication: ['Media', 'Communications', 'Entertainment', 'Interactive', 'Wireless'],
  crypto: [],
};

/** Sector mix per size class, as relative weights. */
export const SECTOR_WEIGHTS: Record<Exclude<Tier, 'crypto'>, [Sector, number][]> = {
  mega: [['technology', 4], ['financials', 2], ['consumer', 2], ['healthcare', 1], ['energy', 1], ['communication', 2], ['industrials', 1]],
  large: [['technology', 3], ['financials', 2], ['consumer', 2], ['healthcare', 2], ['energy', 1], ['industrials', 2], ['utilities', 1], ['real_estate', 1], ['communication', 1], ['biotech', 1]],
  mid: [['technology', 3], ['biotech', 2], ['financials', 2], ['consumer', 2], ['healthcare', 1], ['energy', 2], ['industrials', 2], ['utilities', 1], ['real_estate', 1], ['communication', 1]],
  small: [['technology', 3], ['biotech', 4], ['financials', 1], ['consumer', 2], ['healthcare', 2], ['energy', 2], ['industrials', 1], ['real_estate', 1], ['communication', 1]],
  micro: [['technology', 2], ['biotech', 5], ['healthcare', 2], ['energy', 2], ['consumer', 1], ['communication', 1]],
};

/** Where each sector tends to list (Alpaca's exchange codes). */
export const SECTOR_EXCHANGES: Record<Sector, readonly string[]> = {
  technology: ['NASDAQ', 'NASDAQ', 'NASDAQ', 'NYSE'],
  biotech: ['NASDAQ', 'NASDAQ', 'NASDAQ', 'AMEX'],
  healthcare: ['NYSE', 'NASDAQ'],
  financials: ['NYSE', 'NYSE', 'NASDAQ'],
  energy: ['NYSE', 'NYSE', 'AMEX', 'NASDAQ'],
  consumer: ['NYSE', 'NASDAQ'],
  industrials: ['NYSE', 'NYSE', 'NASDAQ'],
  utilities: ['NYSE'],
  real_estate: ['NYSE', 'NYSE', 'NASDAQ'],
  communication: ['NASDAQ', 'NYSE'],
  crypto: ['CRYPTO'],
};

/** Size classes: price range (USD), regular-session volume range (shares), daily idiosyncratic volatility, beta. */
export const TIERS: Record<Exclude<Tier, 'crypto'>, {
  weight: number;
  price: [number, number];
  volume: [number, number];
  volatility: [number, number];
  beta: [number, number];
  newsPerDay: number;
  spreadBps: [number, number];
  tradeSize: number;
}> = {
  mega: { weight: 10, price: [80, 500], volume: [8e6, 6e7], volatility: [0.009, 0.015], beta: [0.9, 1.25], newsPerDay: 0.1, spreadBps: [0.5, 1.5], tradeSize: 90 },
  large: { weight: 20, price: [25, 260], volume: [1.5e6, 1e7], volatility: [0.012, 0.02], beta: [0.75, 1.35], newsPerDay: 0.06, spreadBps: [1, 4], tradeSize: 80 },
  mid: { weight: 25, price: [8, 120], volume: [3e5, 3e6], volatility: [0.018, 0.03], beta: [0.7, 1.5], newsPerDay: 0.05, spreadBps: [3, 10], tradeSize: 70 },
  small: { weight: 25, price: [3, 40], volume: [1e5, 1.5e6], volatility: [0.03, 0.05], beta: [0.6, 1.6], newsPerDay: 0.05, spreadBps: [8, 25], tradeSize: 120 },
  micro: { weight: 20, price: [2, 12], volume: [3e4, 8e5], volatility: [0.05, 0.08], beta: [0.5, 1.7], newsPerDay: 0.06, spreadBps: [20, 60], tradeSize: 250 },
};

/** Crypto pairs in the order `crypto: n` enables them. Prices in USD, volumes in coins. */
export const CRYPTO_PAIRS = [
  { symbol: 'BTC/USD', name: 'Bitcoin / US Dollar', price: [55_000, 75_000], volume: 900, volatility: 0.025, beta: 1, decimals: 2, minOrderSize: 0.0001, tradeSize: 0.05 },
  { symbol: 'ETH/USD', name: 'Ethereum / US Dollar', price: [2_500, 3_800], volume: 12_000, volatility: 0.03, beta: 1.15, decimals: 2, minOrderSize: 0.001, tradeSize: 0.8 },
  { symbol: 'SOL/USD', name: 'Solana / US Dollar', price: [90, 200], volume: 150_000, volatility: 0.04, beta: 1.4, decimals: 3, minOrderSize: 0.01, tradeSize: 12 },
  { symbol: 'LTC/USD', name: 'Litecoin / US Dollar', price: [60, 110], volume: 60_000, volatility: 0.035, beta: 1.1, decimals: 3, minOrderSize: 0.01, tradeSize: 8 },
  { symbol: 'DOGE/USD', name: 'Dogecoin / US Dollar', price: [0.08, 0.2], volume: 4e7, volatility: 0.05, beta: 1.5, decimals: 6, minOrderSize: 1, tradeSize: 6_000 },
] as const;
