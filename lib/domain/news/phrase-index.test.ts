import { describe, expect, it } from 'vitest';
import { buildPhraseIndex, expandPattern, wordForms } from './phrase-index.ts';
import { tokenize } from './tokens.ts';

describe('phrase index', () => {
  it('expands_phrases_and_slot_alternatives', () => {
    expect(expandPattern('beats|weigh/weighs on')).toEqual([['beats'], ['weigh', 'on'], ['weighs', 'on']]);
  });

  it('inflects_regular_words_and_keeps_irregular_forms', () => {
    expect(wordForms('jump')).toEqual(['jump', 'jumps', 'jumped', 'jumping']);
    expect(wordForms('rise', 'rose', 'risen')).toEqual(['rise', 'rose', 'risen', 'rises', 'rised', 'rising']);
    expect(wordForms('rally')).toContain('rallied');
  });

  it('prefers_the_longest_phrase_and_scans_without_overlap', () => {
    const index = buildPhraseIndex([
      ['price', 'short'],
      ['price target', 'medium'],
      ['price target raised', 'long'],
    ]);
    const matches = index.matchAll(tokenize('Price target raised; price target cut; price'));
    expect(matches.map((m) => [m.from, m.to, m.data])).toEqual([
      [0, 3, 'long'],
      [3, 5, 'medium'],
      [6, 7, 'short'],
    ]);
  });

  it('never_matches_across_a_clause_boundary', () => {
    const index = buildPhraseIndex([['profit rose', 1]]);
    expect(index.matchAll(tokenize('Profit. Rose'))).toEqual([]);
  });

  it('lets_a_later_entry_override_the_same_phrase', () => {
    const index = buildPhraseIndex([
      ['beat', 'general'],
      ['beat', 'specific'],
    ]);
    expect(index.size).toBe(1);
    expect(index.matchAt(tokenize('beat'), 0)?.data).toBe('specific');
  });
});
