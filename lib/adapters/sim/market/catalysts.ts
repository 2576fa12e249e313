import type { Random } from '../../../shared/random.ts';
import type { AssetProfile, Catalyst, Reaction, Sector, Tier } from './market-types.ts';

/** When in the New York day a kind of story tends to cross the wire. */
export type Timing = 'earnings' | 'premarket' | 'after_close' | 'business' | 'any';

export interface CatalystSpec {
  /** +1 up, -1 down, 0 either way (executive changes), and noise has no reaction at all. */
  direction: 1 | -1 | 0;
  /** Median settled move for a mid cap, as a fraction. */
  medianMove: number;
  /** Relative frequency among a company's stories. */
  weight: number;
  timing: Timing;
  /** Only these sectors get it (FDA decisions: drug makers). */
  sectors?: readonly Sector[];
  /** Needs a trading day (earnings are not released on Saturdays). */
  tradingDayOnly?: boolean;
}

const DRUG_MAKERS: readonly Sector[] = ['biotech', 'healthcare'];

export const CATALYSTS: Record<Exclude<Catalyst, 'macro'>, CatalystSpec> = {
  earnings_beat: { direction: 1, medianMove: 0.05, weight: 9, timing: 'earnings', tradingDayOnly: true },
  earnings_miss: { direction: -1, medianMove: 0.06, weight: 7, timing: 'earnings', tradingDayOnly: true },
  guidance_raise: { direction: 1, medianMove: 0.045, weight: 3, timing: 'earnings', tradingDayOnly: true },
  guidance_cut: { direction: -1, medianMove: 0.07, weight: 3, timing: 'earnings', tradingDayOnly: true },
  analyst_upgrade: { direction: 1, medianMove: 0.025, weight: 8, timing: 'premarket', tradingDayOnly: true },
  analyst_downgrade: { direction: -1, medianMove: 0.028, weight: 7, timing: 'premarket', tradingDayOnly: true },
  fda_approval: { direction: 1, medianMove: 0.22, weight: 5, timing: 'business', sectors: DRUG_MAKERS },
  fda_rejection: { direction: -1, medianMove: 0.3, weight: 2, timing: 'business', sectors: DRUG_MAKERS },
  merger_acquisition: { direction: 1, medianMove: 0.2, weight: 2, timing: 'premarket' },
  contract_win: { direction: 1, medianMove: 0.06, weight: 5, timing: 'business' },
  offering: { direction: -1, medianMove: 0.09, weight: 4, timing: 'after_close' },
  legal: { direction: -1, medianMove: 0.04, weight: 3, timing: 'any' },
  executive_change: { direction: 0, medianMove: 0.02, weight: 3, timing: 'any' },
  buyback: { direction: 1, medianMove: 0.025, weight: 3, timing: 'business' },
  noise: { direction: 0, medianMove: 0, weight: 28, timing: 'business' },
};

/** Crypto pairs only get regulatory, adoption and noise stories. */
const CRYPTO_CATALYSTS: readonly Catalyst[] = ['legal', 'contract_win', 'noise', 'noise'];

/** Smaller companies move more on the same news. */
const TIER_MOVE: Record<Tier, number> = { mega: 0.5, large: 0.7, mid: 1, small: 1.4, micro: 1.8, crypto: 0.8 };

/** Small caps issue stock much more often than large caps. */
const OFFERING_BIAS: Record<Tier, number> = { mega: 0.1, large: 0.3, mid: 1, small: 2.5, micro: 4, crypto: 0 };

const optionsCache = new Map<string, { options: [Catalyst, number][]; total: number }>();

/** The catalysts a company can get on a day, weighted (memoised per sector, size and kind of day). */
function catalystOptions(profile: AssetProfile, tradingDay: boolean): { options: [Catalyst, number][]; total: number } {
  const key = `${profile.sector}|${profile.tier}|${tradingDay}`;
  let hit = optionsCache.get(key);
  if (!hit) {
    const options: [Catalyst, number][] = [];
    for (const [c, spec] of Object.entries(CATALYSTS) as [Exclude<Catalyst, 'macro'>, CatalystSpec][]) {
      if (spec.sectors && !spec.sectors.includes(profile.sector)) continue;
      if (spec.tradingDayOnly && !tradingDay) continue;
      options.push([c, c === 'offering' ? spec.weight * OFFERING_BIAS[profile.tier] : spec.weight]);
    }
    hit = { options, total: options.reduce((s, [, w]) => s + w, 0) };
    optionsCache.set(key, hit);
  }
  return hit;
}

/** Draws the kind of story a company gets on a day. */
export function pickCatalyst(rng: Random, profile: AssetProfile, tradingDay: boolean): Catalyst {
  if (profile.tier === 'crypto') return rng.pick(CRYPTO_CATALYSTS);
  const { options, total } = catalystOptions(profile, tradingDay);
  let x = rng.next() * total;
  for (const [c, w] of options) {
    x -= w;
    if (x < 0) return c;
  }
  return 'noise';
}

/** The reaction to a story: size by catalyst and company size, fat-tailed; noise moves nothing. */
export function drawReaction(rng: Random, catalyst: Catalyst, tier: Tier): Reaction {
  const spec = catalyst === 'macro' ? { direction: 0 as const, medianMove: 0.006 } : CATALYSTS[catalyst];
  if (spec.medianMove === 0) {
    return { logImpact: 0, priceImpact: 0, priceTauMinutes: 5, volumeBurst: 0, volumeTail: 0, volumeTailMinutes: 60 };
  }
  const direction = spec.direction === 0 ? (rng.chance(0.5) ? 1 : -1) : spec.direction;
  const size = Math.min(2.5, spec.medianMove * (catalyst === 'macro' ? 1 : TIER_MOVE[tier]) * Math.exp(0.45 * rng.normal()));
  const logImpact = direction > 0 ? Math.log1p(size) : Math.log1p(-Math.min(size, 0.85));
  const scaled = Math.abs(logImpact);
  return {
    logImpact,
    priceImpact: Math.expm1(logImpact),
    priceTauMinutes: 2 + rng.next() * 10,
    volumeBurst: catalyst === 'macro' ? 1 + 40 * scaled : 3 + 70 * scaled * (0.7 + 0.6 * rng.next()),
    volumeTail: catalyst === 'macro' ? 0.3 : 0.8 + 12 * scaled,
    volumeTailMinutes: 180 + rng.next() * 240,
  };
}

/** Minutes after New York midnight at which a story of this timing is published. */
export function publishMinute(rng: Random, timing: Timing, tradingDay: boolean): number {
  if (!tradingDay) return rng.int(7 * 60, 21 * 60);
  switch (timing) {
    case 'earnings':
      return rng.chance(0.6) ? rng.int(7 * 60, 9 * 60 + 15) : rng.int(16 * 60 + 5, 16 * 60 + 45);
    case 'premarket':
      return rng.chance(0.8) ? rng.int(6 * 60, 9 * 60 + 25) : rng.int(9 * 60 + 30, 15 * 60 + 30);
    case 'after_close':
      return rng.chance(0.75) ? rng.int(16 * 60 + 5, 18 * 60) : rng.int(7 * 60, 9 * 60 + 20);
    case 'business':
      return rng.chance(0.7) ? rng.int(9 * 60 + 30, 15 * 60 + 45) : rng.int(6 * 60, 19 * 60);
    case 'any':
      return rng.int(6 * 60, 21 * 60);
  }
}
