import { describe, expect, it } from 'vitest';
import { tokenize } from './tokens.ts';

describe('tokenize', () => {
  it('splits_cashtags_percentages_numbers_and_words', () => {
    const tokens = tokenize('$TSLA jumps +4.6% to $1,280.50 on Q3 beat');
    expect(tokens.map((t) => [t.kind, t.text])).toEqual([
      ['cashtag', 'TSLA'],
      ['word', 'jumps'],
      ['percent', '+4.6%'],
      ['word', 'to'],
      ['number', '$1,280.50'],
      ['word', 'on'],
      ['word', 'q3'],
      ['word', 'beat'],
    ]);
    expect(tokens[2]!.value).toBe(4.6);
    expect(tokens[4]!.value).toBe(1280.5);
  });

  it('drops_urls_mentions_and_html_entities', () => {
    const tokens = tokenize('Oil &amp; gas via @Reuters https://t.co/abc123 #stocks');
    expect(tokens.map((t) => t.key)).toEqual(['oil', 'gas', 'via', '#stocks']);
  });

  it('signs_a_percentage_only_when_the_sign_stands_alone', () => {
    expect(tokenize('Silvercorp -20% today')[1]!.value).toBe(-20);
    expect(tokenize('a 5-10% range').map((t) => t.value).filter(Number.isFinite)).toEqual([5, 10]);
  });

  it('starts_a_clause_at_punctuation_but_not_after_abbreviations', () => {
    const clauses = (s: string) => tokenize(s).map((t) => t.clause);
    expect(clauses('U.S. sales rose; costs fell')).toEqual([0, 0, 0, 0, 1, 1]);
    expect(clauses('EPS $1.00 vs. 40 cents')).toEqual([0, 0, 0, 0, 0]);
    expect(clauses('Ford - Reuters')).toEqual([0, 1]);
  });

  it('keeps_character_spans_of_the_original_text', () => {
    const text = 'Macy’s shares slide';
    expect(tokenize(text).map((t) => text.slice(t.start, t.end))).toEqual(['Macy’s', 'shares', 'slide']);
    expect(tokenize(text)[0]!.text).toBe("macy's");
  });
});
