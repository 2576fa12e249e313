import { describe, expect, it } from 'vitest';
import { analyseNews } from './analyse-news.ts';
import { HEADLINE_CASES } from './headline-cases.fixture.ts';
import { NEWS_TEST_ASSETS } from './test-assets.ts';
import { buildTickerIndex } from './ticker-link.ts';

const index = buildTickerIndex(NEWS_TEST_ASSETS);
const DIRECTION = { '+': 'positive', '-': 'negative', '0': 'neutral' } as const;

function expected(companies: string) {
  return companies
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [symbol, role, dir] = s.split(/\s+/);
      return { symbol: symbol!, role: role!, direction: DIRECTION[dir as keyof typeof DIRECTION] };
    })
    .sort((a, b) => a.symbol.localeCompare(b.symbol));
}

describe('real-style headlines (issue 19): entities, roles, per-company direction, catalyst, kind, analyst actions', () => {
  it('has_at_least_200_cases', () => expect(HEADLINE_CASES.length).toBeGreaterThanOrEqual(200));

  it.each(HEADLINE_CASES.map((h) => [h.text, h] as const))('%s', (_text, h) => {
    const a = analyseNews(h.text, index);
    const got = a.companies.map((c) => ({ symbol: c.symbol, role: c.role, direction: c.direction })).sort((x, y) => x.symbol.localeCompare(y.symbol));
    expect(got).toEqual(expected(h.companies));
    expect(a.catalyst.type).toBe(h.catalyst);
    expect(a.kind.kind).toBe(h.kind ?? 'news');
    if (h.actions !== undefined) expect(a.analystActions.map((x) => x.action).join(',')).toBe(h.actions);
    for (const c of a.companies) if (c.direction !== 'neutral') expect(c.deciding.length).toBeGreaterThan(0);
  });
});
