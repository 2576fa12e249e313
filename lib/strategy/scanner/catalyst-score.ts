import type { EpochMs } from '../../domain/time.ts';

/** One news item as the scanner sees it (its latest known version). */
export interface ScannerNews {
  itemId: number;
  storyId: number;
  headline: string;
  publishedAt: EpochMs;
  sentimentScore: number;
  catalystType: string | null;
  /** Catalyst strength in [0, 1] (type importance times evidence confidence). */
  catalystWeight: number;
  catalystBlocksLong: boolean;
}

export interface CatalystScore {
  /** Signed strength: positive news pushes up, negative down; decays with age. */
  score: number;
  /** An offering or dilution in the window: no new longs. */
  blocksLong: boolean;
  /** The items that contributed, strongest first, with their share of the score. */
  contributions: { itemId: number; storyId: number; headline: string; catalystType: string | null; value: number; ageMinutes: number }[];
}

/**
 * Sums the news of one symbol: sentiment × catalyst weight (a story counts once, by its strongest item),
 * halved every `halfLifeMinutes`. The catalyst type sets how much the words count, never which way: a
 * catalyst whose words score neutral adds nothing (an unsigned guess at direction is not a reason to trade).
 */
export function catalystScore(news: readonly ScannerNews[], now: EpochMs, halfLifeMinutes: number): CatalystScore {
  const byStory = new Map<number, CatalystScore['contributions'][number]>();
  let blocksLong = false;
  for (const n of news) {
    if (n.catalystBlocksLong) blocksLong = true;
    const ageMinutes = Math.max(0, (now - n.publishedAt) / 60_000);
    const decay = Math.pow(0.5, ageMinutes / halfLifeMinutes);
    const strength = n.catalystType ? 0.25 + 0.75 * n.catalystWeight : 0.25;
    const value = n.sentimentScore * strength * decay;
    const prev = byStory.get(n.storyId);
    if (!prev || Math.abs(value) > Math.abs(prev.value)) {
      byStory.set(n.storyId, { itemId: n.itemId, storyId: n.storyId, headline: n.headline, catalystType: n.catalystType, value, ageMinutes: Math.round(ageMinutes) });
    }
  }
  const contributions = [...byStory.values()].sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  // Several stories add up, with diminishing returns: tanh keeps the score in (-1, 1).
  const score = Math.tanh(contributions.reduce((s, c) => s + c.value, 0));
  return { score, blocksLong, contributions };
}
