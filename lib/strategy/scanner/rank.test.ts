import { describe, expect, it } from 'vitest';
import { rankCandidates, DEFAULT_SCANNER, type ScanInput } from './rank.ts';
import { expectedVolumeFraction, relativeVolume } from './volume-profile.ts';
import type { ScannerNews } from './catalyst-score.ts';

const NOW = Date.parse('2026-11-23T15:30:00Z');
let id = 0;
const news = (over: Partial<ScannerNews> = {}): ScannerNews => ({
  itemId: ++id, storyId: id, headline: 'Acme beats estimates and raises guidance', publishedAt: NOW - 20 * 60_000, sentimentScore: 0.8, catalystType: 'earnings', catalystWeight: 0.9, catalystBlocksLong: false, ...over,
});
const input = (symbol: string, over: Partial<ScanInput> = {}): ScanInput => ({
  symbol, shortable: true, news: [news()], lastPrice: 12, bidPrice: 11.99, askPrice: 12.01, volumeToday: 2_000_000, openToday: 11.8, prevClose: 11,
  avgVolume20d: 1_500_000, avgDollarVolume20d: 18_000_000, ...over,
});

describe('volume profile', () => {
  it('is_u_shaped_and_cumulative', () => {
    expect(expectedVolumeFraction(30)).toBeGreaterThan(0.13);
    expect(expectedVolumeFraction(30)).toBeLessThan(0.2);
    expect(expectedVolumeFraction(390)).toBeCloseTo(1);
    expect(1 - expectedVolumeFraction(370)).toBeCloseTo(0.074, 2);
    const midday = expectedVolumeFraction(240) - expectedVolumeFraction(210);
    const open = expectedVolumeFraction(30);
    expect(open).toBeGreaterThan(2 * midday);
    expect(relativeVolume(300_000, 1_000_000, 30)).toBeGreaterThan(1.5);
  });
});

describe('rankCandidates', () => {
  it('ranks_the_strongest_fresh_catalyst_with_volume_first_and_explains_it', () => {
    const { candidates } = rankCandidates(
      [
        input('OLD', { news: [news({ publishedAt: NOW - 300 * 60_000 })] }),
        input('HOT'),
        input('QUIET', { volumeToday: 100_000, openToday: 11, news: [news({ sentimentScore: 0.3, catalystType: null, catalystWeight: 0 })] }),
      ],
      NOW,
      60,
    );
    expect(candidates.map((c) => c.symbol)).toEqual(['HOT', 'OLD', 'QUIET']);
    const hot = candidates[0]!;
    expect(hot.direction).toBe('long');
    expect(hot.features.relativeVolume).toBeGreaterThan(3);
    expect(hot.features.gapPct).toBeCloseTo(0.0727, 3);
    expect(hot.reasons[0]).toMatch(/^Catalyst earnings .* 20 min old: "Acme beats estimates and raises guidance"/);
    expect(hot.reasons[1]).toMatch(/^Relative volume \d+\.\dx the usual by this time of day$/);
    expect(hot.newsItemIds).toHaveLength(1);
  });

  it('blocks_a_long_on_offering_news_and_shorts_when_disabled', () => {
    const { candidates } = rankCandidates(
      [
        input('DILUT', { news: [news(), news({ headline: 'Dilut prices $50M offering', sentimentScore: -0.2, catalystType: 'offering-dilution', catalystBlocksLong: true })] }),
        input('DOWN', { news: [news({ sentimentScore: -0.9, catalystType: 'guidance' })] }),
        input('UP'),
      ],
      NOW,
      60,
    );
    expect(candidates.map((c) => [c.symbol, c.blocked])).toEqual([
      ['UP', false],
      ['DILUT', true],
      ['DOWN', true],
    ]);
    expect(candidates[1]!.reasons.at(-1)).toBe('Blocked: offering or dilution news blocks new longs');
    expect(candidates[2]!.reasons.at(-1)).toBe('Blocked: negative catalyst and shorts are disabled');
  });

  it('excludes_what_is_outside_the_price_band_illiquid_or_too_wide_with_reasons', () => {
    const { candidates, excluded } = rankCandidates(
      [input('PENNY', { lastPrice: 0.5 }), input('THIN', { avgDollarVolume20d: 50_000 }), input('WIDE', { bidPrice: 11, askPrice: 13 }), input('NONEWS', { news: [] })],
      NOW,
      60,
    );
    expect(candidates).toEqual([]);
    expect(excluded.map((e) => e.symbol)).toEqual(['PENNY', 'THIN', 'WIDE']);
    expect(excluded[2]!.reason).toMatch(/^spread \d+ bps wider than 150$/);
  });

  it('counts_a_story_once_however_many_versions_or_sources_it_has', () => {
    const one = rankCandidates([input('A', { news: [news({ storyId: 1 })] })], NOW, 60).candidates[0]!;
    const dup = rankCandidates([input('A', { news: [news({ storyId: 1 }), news({ storyId: 1 }), news({ storyId: 1 })] })], NOW, 60).candidates[0]!;
    expect(dup.features.catalystScore).toBeCloseTo(one.features.catalystScore);
    expect(DEFAULT_SCANNER.topN).toBe(20);
  });
});
