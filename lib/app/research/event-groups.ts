import { createRandom } from '../../shared/random.ts';
import { DEFAULT_BOOTSTRAP, summarise, type BootstrapSettings, type SampleSummary } from '../../domain/research/sample-stats.ts';
import type { NewsEvent } from './news-events.ts';

/** The ways events are grouped; each separately (a full cross would leave most cells nearly empty). */
export const DIMENSIONS = ['all', 'catalyst', 'sentiment', 'phase', 'rvol'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const groupOf: Record<Dimension, (e: NewsEvent) => string> = {
  all: () => 'all',
  catalyst: (e) => e.catalyst,
  sentiment: (e) => e.sentiment,
  phase: (e) => e.phase,
  rvol: (e) => e.rvolBucket,
};

/** One group's figures: per horizon, the returns and (with an index) the market-adjusted returns. */
export interface GroupFigures {
  dimension: Dimension;
  group: string;
  events: number;
  returns: Record<string, SampleSummary>;
  adjusted: Record<string, SampleSummary> | null;
  /** Means over the group's events that reached a horizon (fractions). */
  meanMae: number | null;
  meanMfe: number | null;
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
const present = (xs: readonly (number | null)[]) => xs.filter((x): x is number => x !== null);

/**
 * Count, mean, median, t-statistic, hit rate and bootstrap CI per group and horizon. The bootstrap draws
 * from a stream forked from `seed` by dimension, group and horizon, so a group's interval does not change
 * when other groups come or go.
 */
export function groupFigures(events: readonly NewsEvent[], horizons: readonly string[], seed: number, bootstrap: BootstrapSettings = DEFAULT_BOOTSTRAP): GroupFigures[] {
  const root = createRandom(seed);
  const withIndex = events.some((e) => Object.values(e.adjusted).some((x) => x !== null));
  const out: GroupFigures[] = [];
  for (const dimension of DIMENSIONS) {
    const groups = new Map<string, NewsEvent[]>();
    for (const e of events) {
      const g = groupOf[dimension](e);
      groups.set(g, [...(groups.get(g) ?? []), e]);
    }
    for (const group of [...groups.keys()].sort()) {
      const members = groups.get(group)!;
      const stats = (pick: (e: NewsEvent) => Record<string, number | null>, kind: string) =>
        Object.fromEntries(horizons.map((h) => [h, summarise(present(members.map((e) => pick(e)[h] ?? null)), root.fork(`${dimension}|${group}|${h}|${kind}`), bootstrap)]));
      out.push({
        dimension,
        group,
        events: members.length,
        returns: stats((e) => e.returns, 'raw'),
        adjusted: withIndex ? stats((e) => e.adjusted, 'adjusted') : null,
        meanMae: mean(present(members.map((e) => e.mae))),
        meanMfe: mean(present(members.map((e) => e.mfe))),
      });
    }
  }
  return out;
}
