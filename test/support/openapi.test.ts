import { describe, expect, it } from 'vitest';
import { validateResponse } from './openapi.ts';

describe('OpenAPI validation helper', () => {
  it('accepts_a_clock_shaped_like_the_spec_and_names_what_is_wrong_otherwise', () => {
    const clock = { timestamp: '2026-11-23T14:30:00.123456789-05:00', is_open: true, next_open: '2026-11-24T09:30:00-05:00', next_close: '2026-11-23T16:00:00-05:00' };
    expect(validateResponse('trading', '/v2/clock', 'get', 200, clock)).toEqual([]);
    const errors = validateResponse('trading', '/v2/clock', 'get', 200, { ...clock, is_open: 'yes' });
    expect(errors.join('\n')).toMatch(/is_open must be boolean/);
  });

  it('validates_market_data_and_applies_relaxations', () => {
    const news = {
      news: [{ id: 1, headline: 'h', author: '', created_at: '2026-11-23T14:30:00Z', updated_at: '2026-11-23T14:31:00Z', summary: '', url: 'https://x', images: [], symbols: ['AAPL'], source: 'benzinga' }],
      next_page_token: null,
    };
    const strict = validateResponse('market-data', '/v1beta1/news', 'get', 200, news);
    expect(strict.join('\n')).toMatch(/content/);
    expect(validateResponse('market-data', '/v1beta1/news', 'get', 200, news, [{ schema: 'news', optional: ['content'], why: 'real responses omit content unless include_content=true' }])).toEqual(
      expect.not.arrayContaining([expect.stringMatching(/content/)]),
    );
  });
});
