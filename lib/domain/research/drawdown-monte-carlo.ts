import type { Random } from '../../shared/random.ts';
import { percentile } from './moments.ts';

/** The drawdown distribution from reshuffled trades: percentile -> max drawdown (fraction of the peak). */
export interface DrawdownDistribution {
  /** Max drawdown of the trades in the order they happened. */
  observed: number;
  samples: number;
  percentiles: { percentile: number; maxDrawdown: number }[];
}

function maxDrawdownOf(pnls: readonly number[], startEquityUsd: number): number {
  let equity = startEquityUsd;
  let peak = startEquityUsd;
  let worst = 0;
  for (const p of pnls) {
    equity += p;
    peak = Math.max(peak, equity);
    worst = Math.max(worst, peak > 0 ? (peak - equity) / peak : 1);
  }
  return worst;
}

/**
 * Monte Carlo reshuffle of trade P&Ls (USD, after fees) on an account of `startEquityUsd`: the same trades
 * in `samples` random orders (Fisher-Yates on the seeded source) give the drawdowns that luck of the order
 * alone could have produced. Assumes trades are exchangeable (no serial dependence), which understates
 * drawdowns when losses cluster.
 */
export function drawdownDistribution(pnls: readonly number[], startEquityUsd: number, random: Random, options: { samples?: number; percentiles?: readonly number[] } = {}): DrawdownDistribution {
  const samples = options.samples ?? 1000;
  if (!Number.isInteger(samples) || samples < 1) throw new Error(`samples must be a whole number >= 1 (got ${samples})`);
  if (!(startEquityUsd > 0)) throw new Error(`startEquityUsd must be > 0 (got ${startEquityUsd})`);
  const order = [...pnls];
  const drawdowns = Array.from({ length: samples }, () => {
    for (let i = order.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return maxDrawdownOf(order, startEquityUsd);
  });
  return {
    observed: maxDrawdownOf(pnls, startEquityUsd),
    samples,
    percentiles: (options.percentiles ?? [5, 50, 95, 99]).map((p) => ({ percentile: p, maxDrawdown: percentile(drawdowns, p) })),
  };
}
