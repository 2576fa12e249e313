import { describe, expect, it } from 'vitest';
import { isCommonWordName, normaliseCompanyName, shortCompanyName } from './company-name.ts';

describe('normaliseCompanyName', () => {
  it.each([
    ['share_class', 'Alphabet Inc. Class A Common Stock', 'alphabet'],
    ['class_without_stock', 'Berkshire Hathaway Inc. Class B', 'berkshire hathaway'],
    ['adr', 'Toyota Motor Corporation American Depositary Shares, each representing ten ordinary shares', 'toyota motor'],
    ['leading_the', 'The Trade Desk, Inc. Class A Common Stock', 'trade desk'],
    ['possessive', "Macy's, Inc. Common Stock", 'macy'],
    ['ampersand_and_trailing_the', 'Procter & Gamble Company (The) Common Stock', 'procter gamble'],
    ['inner_words', 'Bank of America Corporation Common Stock', 'bank of america'],
    ['notes', 'Medallion Financial Corp. 8.75% Senior Notes', 'medallion financial'],
    ['crypto_pair', 'Bitcoin / US Dollar', 'bitcoin'],
    ['plc', 'Royal Dutch Shell plc', 'royal dutch shell'],
  ])('normalises_%s', (_case, name, expected) => {
    expect(normaliseCompanyName(name).join(' ')).toBe(expected);
  });

  it('flags_one_word_everyday_names', () => {
    expect(isCommonWordName(normaliseCompanyName('Target Corporation Common Stock'))).toBe(true);
    expect(isCommonWordName(normaliseCompanyName('Gap, Inc. (The) Common Stock'))).toBe(true);
    expect(isCommonWordName(normaliseCompanyName('Tesla, Inc. Common Stock'))).toBe(false);
    expect(isCommonWordName(['best', 'buy'])).toBe(false);
  });

  it('offers_the_short_name_headlines_use', () => {
    expect(shortCompanyName(['capital', 'one', 'financial'])).toEqual(['capital', 'one']);
    expect(shortCompanyName(['tesla'])).toBeNull();
    // "General Motors" → "general" would be an everyday word: no short name.
    expect(shortCompanyName(['general', 'motors'])).toBeNull();
  });
});
