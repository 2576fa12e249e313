import { describe, expect, it } from 'vitest';
import { newsContentHash, normaliseNewsText } from './content-hash.ts';

describe('newsContentHash', () => {
  it('ignores_case_markup_and_spacing_but_not_words', () => {
    const a = newsContentHash('Apple beats  estimates', '<p>Revenue rose 5%.</p>');
    expect(newsContentHash('APPLE beats estimates!', 'Revenue rose 5%.')).toBe(a);
    expect(newsContentHash('Apple misses estimates', 'Revenue rose 5%.')).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(normaliseNewsText('Tesla&amp;Co: $TSLA up 3.5%')).toBe('tesla co $tsla up 3.5%');
  });
});
