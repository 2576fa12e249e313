import type { EpochMs } from '../../domain/time.ts';
import { catalystScore, type ScannerNews } from './catalyst-score.ts';
import { relativeVolume } from './volume-profile.ts';

/** What the scanner knows of one symbol at scan time. Prices USD, volumes in shares. */
export interface ScanInput {
  symbol: string;
  shortable: boolean;
  news: readonly ScannerNews[];
  lastPrice: number | null;
  bidPrice: number | null;
  askPrice: number | null;
  /** Today's cumulative volume so far. */
  volumeToday: number;
  openToday: number | null;
  prevClose: number | null;
  avgVolume20d: number | null;
  avgDollarVolume20d: number | null;
}

export interface ScannerConfig {
  /** News loses half its weight every this many minutes. */
  halfLifeMinutes: number;
  minPrice: number;
  maxPrice: number;
  minAvgDollarVolume: number;
  maxSpreadBps: number;
  /** Catalyst scores weaker than this are not candidates. */
  minCatalyst: number;
  topN: number;
  allowShorts: boolean;
  weights: { catalyst: number; relativeVolume: number; gap: number };
}

export const DEFAULT_SCANNER: ScannerConfig = {
  halfLifeMinutes: 90,
  minPrice: 1,
  maxPrice: 1000,
  minAvgDollarVolume: 1_000_000,
  maxSpreadBps: 150,
  minCatalyst: 0.05,
  topN: 20,
  allowShorts: false,
  weights: { catalyst: 0.55, relativeVolume: 0.25, gap: 0.2 },
};

export interface CandidateFeatures {
  catalystScore: number;
  catalystType: string | null;
  /** Age of the strongest story's item, minutes. */
  catalystAgeMinutes: number;
  /** Headline of the strongest story. */
  headline: string;
  relativeVolume: number | null;
  gapPct: number | null;
  price: number;
  avgDollarVolume20d: number | null;
  spreadBps: number | null;
}

export interface Candidate {
  symbol: string;
  rank: number;
  score: number;
  direction: 'long' | 'short';
  blocked: boolean;
  features: CandidateFeatures;
  reasons: string[];
  newsItemIds: number[];
  storyIds: number[];
}

export interface ScanResult {
  candidates: Candidate[];
  excluded: { symbol: string; reason: string }[];
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

/**
 * Ranks symbols with a fresh catalyst: news strength (sentiment × catalyst weight, decaying), relative
 * volume against the same time of day, and the gap in the news's direction; symbols outside the price band,
 * too illiquid or too wide are excluded with the reason; an offering or dilution blocks a long. Pure.
 */
export function rankCandidates(inputs: readonly ScanInput[], now: EpochMs, minutesSinceOpen: number, config: ScannerConfig = DEFAULT_SCANNER, sessionMinutes = 390): ScanResult {
  const excluded: ScanResult['excluded'] = [];
  const scored: Omit<Candidate, 'rank'>[] = [];
  for (const s of inputs) {
    const cat = catalystScore(s.news, now, config.halfLifeMinutes);
    if (s.news.length === 0 || Math.abs(cat.score) < config.minCatalyst) continue;
    const price = s.lastPrice;
    if (price === null) {
      excluded.push({ symbol: s.symbol, reason: 'no trade yet to price it' });
      continue;
    }
    if (price < config.minPrice || price > config.maxPrice) {
      excluded.push({ symbol: s.symbol, reason: `price ${price.toFixed(2)} outside ${config.minPrice}-${config.maxPrice}` });
      continue;
    }
    if (s.avgDollarVolume20d !== null && s.avgDollarVolume20d < config.minAvgDollarVolume) {
      excluded.push({ symbol: s.symbol, reason: `average dollar volume ${Math.round(s.avgDollarVolume20d).toLocaleString('en-US')} below ${config.minAvgDollarVolume.toLocaleString('en-US')}` });
      continue;
    }
    const spreadBps = s.bidPrice && s.askPrice && s.askPrice >= s.bidPrice ? ((s.askPrice - s.bidPrice) / ((s.askPrice + s.bidPrice) / 2)) * 10_000 : null;
    if (spreadBps !== null && spreadBps > config.maxSpreadBps) {
      excluded.push({ symbol: s.symbol, reason: `spread ${spreadBps.toFixed(0)} bps wider than ${config.maxSpreadBps}` });
      continue;
    }
    const direction = cat.score >= 0 ? 'long' : 'short';
    const rvol = s.avgVolume20d ? relativeVolume(s.volumeToday, s.avgVolume20d, minutesSinceOpen, sessionMinutes) : null;
    const gapPct = s.prevClose ? (s.openToday ?? price) / s.prevClose - 1 : null;
    const rvolScore = rvol === null ? 0 : clamp01(Math.log2(Math.max(rvol, 1)) / Math.log2(10));
    const gapAligned = gapPct === null ? 0 : clamp01(((direction === 'long' ? 1 : -1) * gapPct) / 0.1);
    const score = config.weights.catalyst * Math.abs(cat.score) + config.weights.relativeVolume * rvolScore + config.weights.gap * gapAligned;
    const top = cat.contributions[0]!;
    const reasons = [
      `Catalyst ${top.catalystType ?? 'news'} (${cat.contributions.length} stor${cat.contributions.length === 1 ? 'y' : 'ies'}), score ${cat.score.toFixed(2)}, newest strongest ${top.ageMinutes} min old: "${top.headline}"`,
      rvol === null ? 'Relative volume unknown (no 20-day average yet)' : `Relative volume ${rvol.toFixed(1)}x the usual by this time of day`,
      gapPct === null ? 'Gap unknown (no previous close)' : `Gap ${pct(gapPct)} from the previous close ${s.prevClose!.toFixed(2)}`,
    ];
    if (spreadBps !== null) reasons.push(`Spread ${spreadBps.toFixed(0)} bps`);
    let blocked = false;
    if (direction === 'long' && cat.blocksLong) {
      blocked = true;
      reasons.push('Blocked: offering or dilution news blocks new longs');
    }
    if (direction === 'short' && !(config.allowShorts && s.shortable)) {
      blocked = true;
      reasons.push(config.allowShorts ? 'Blocked: negative catalyst but the asset is not shortable' : 'Blocked: negative catalyst and shorts are disabled');
    }
    scored.push({
      symbol: s.symbol,
      score,
      direction,
      blocked,
      features: { catalystScore: cat.score, catalystType: top.catalystType, catalystAgeMinutes: top.ageMinutes, headline: top.headline, relativeVolume: rvol, gapPct, price, avgDollarVolume20d: s.avgDollarVolume20d, spreadBps },
      reasons,
      newsItemIds: cat.contributions.map((c) => c.itemId),
      storyIds: cat.contributions.map((c) => c.storyId),
    });
  }
  scored.sort((a, b) => Number(a.blocked) - Number(b.blocked) || b.score - a.score || a.symbol.localeCompare(b.symbol));
  return { candidates: scored.slice(0, config.topN).map((c, i) => ({ ...c, rank: i + 1 })), excluded };
}
