import { describe, expect, it } from 'vitest';
import { secItemCatalyst, secItemCodes } from './sec-8k.ts';

describe('SEC 8-K items', () => {
  it('reads_codes_from_meta_arrays_strings_and_the_text', () => {
    expect(secItemCodes({ items: ['2.02', 'Item 9.01'] }, '')).toEqual(['2.02', '9.01']);
    expect(secItemCodes({ itemCodes: '5.02, 7.01' }, '')).toEqual(['5.02', '7.01']);
    expect(secItemCodes(undefined, 'Item 3.02: Unregistered Sales of Equity Securities; Items 1.01')).toEqual(['1.01', '3.02']);
    expect(secItemCodes({ items: 42 }, 'no items here')).toEqual([]);
  });

  it('maps_the_codes_the_scanner_cares_about', () => {
    expect(secItemCatalyst('2.02')?.type).toBe('earnings');
    expect(secItemCatalyst('1.01')?.type).toBe('contract-partnership');
    expect(secItemCatalyst('3.02')?.type).toBe('offering-dilution');
    expect(secItemCatalyst('5.02')?.type).toBe('executive-change');
    expect(secItemCatalyst('7.01')).toMatchObject({ type: null, title: 'Regulation FD disclosure' });
    expect(secItemCatalyst('8.01')?.type).toBeNull();
  });

  it('returns_null_for_an_unknown_code', () => {
    expect(secItemCatalyst('6.66')).toBeNull();
  });
});
