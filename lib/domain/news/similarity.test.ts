import { describe, expect, it } from 'vitest';
import {
  fingerprintDistance,
  headlineFingerprint,
  headlineSimilarity,
  isSameStory,
  jaccard,
  SAME_STORY_MAX_BITS,
} from './similarity.ts';

const same = (a: string, b: string) => isSameStory({ headline: a }, { headline: b });

describe('near-duplicate headlines', () => {
  it('joins_the_same_story_retold', () => {
    expect(same('Credit Suisse CEO Thiam quits after spying scandal', 'Thiam quits as Credit Suisse CEO after spying scandal split')).toBe(true);
  });

  it('joins_a_headline_with_a_cashtag_link_or_attribution_added', () => {
    expect(same('$STAY - Nomura Instinet loses confidence in Extended Stay America https://t.co/WrQXTC38nB', 'Nomura Instinet loses confidence in Extended Stay America')).toBe(true);
    expect(same('Nissan orders deep spending cuts - Reuters', 'Nissan orders deep spending cuts')).toBe(true);
    expect(same('UPDATE 2-Qantas challenges Airbus, Boeing to offer better deal', 'Qantas challenges Airbus, Boeing to offer better deal')).toBe(true);
  });

  it('keeps_templated_headlines_about_different_companies_apart', () => {
    expect(same('Funko downgraded to hold from buy at Stifel Nicolaus', 'Ultra Clean downgraded to hold from buy at Stifel Nicolaus')).toBe(false);
    expect(same('Pixelworks, Inc. Just Reported And Analysts Have Been Lifting Their Price Targets', 'Twitter, Inc. Just Reported And Analysts Have Been Lifting Their Price Targets')).toBe(false);
  });

  it('keeps_different_stories_about_one_company_apart', () => {
    expect(same('Credit Suisse CDS jump after CEO Thiam quits', 'Credit Suisse shares slump after Thiam resignation')).toBe(false);
  });

  it('computes_jaccard_on_shingles', () => {
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3, 12);
    expect(jaccard(new Set(), new Set())).toBe(0);
    expect(headlineSimilarity('Oil rises', 'oil RISES')).toBe(1);
  });
});

describe('headline fingerprint', () => {
  it('is_16_hex_digits_and_equal_for_equal_headlines', () => {
    const fp = headlineFingerprint('Tesla Cybertruck hits 200,000 orders');
    expect(fp).toMatch(/^[0-9a-f]{16}$/);
    expect(headlineFingerprint('Tesla Cybertruck hits 200,000 orders https://t.co/x')).toBe(fp);
  });

  it('puts_near_identical_headlines_within_the_bound_and_unrelated_ones_beyond', () => {
    const a = headlineFingerprint('Elon Musk says Tesla has 187,000 orders for its Cybertruck, less than 48 hours after the unveiling');
    const b = headlineFingerprint('Elon Musk says Tesla has 146,000 orders for its Cybertruck, less than 48 hours after the unveiling');
    const c = headlineFingerprint('Federal Reserve holds rates steady as inflation stays muted');
    expect(fingerprintDistance(a, b)).toBeLessThanOrEqual(SAME_STORY_MAX_BITS);
    expect(fingerprintDistance(a, c)).toBeGreaterThan(SAME_STORY_MAX_BITS);
    expect(fingerprintDistance(a, a)).toBe(0);
  });

  it('rejects_fingerprints_of_different_lengths', () => {
    expect(() => fingerprintDistance('ab', 'abc')).toThrow(/different lengths/);
  });
});
