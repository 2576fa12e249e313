import { describe, expect, it } from 'vitest';
import { analyseNews } from './analyse-news.ts';

// Issue 19: a move already in the price, or a date, is not a catalyst.
const RECAPS = [
  'Stocks hitting 52-week highs on Tuesday',
  'Acme Corp stock hits 52-week low',
  'Acme Shares Down 6.5% Premarket',
  'Acme shares up 4% in early trading',
  '12 Health Care Stocks Moving In Thursday\'s Pre-Market Session',
  'Mid-Day Gainers: Acme, Beta Corp, Gamma',
  'Why Tesla Shares Are Trading Lower Today',
  'Acme hits all-time high',
];
const CALENDAR = [
  'Earnings Scheduled For March 3, 2026',
  'Acme ex-dividend date is Friday',
  'Acme to report Q3 earnings on November 5',
  'Acme to host conference call on first quarter results',
];

describe('classifyNewsKind through analyseNews', () => {
  it.each(RECAPS)('classifies_price_recap_without_catalyst: %s', (text) => {
    const a = analyseNews(text);
    expect(a.kind.kind).toBe('price-recap');
    expect(a.catalyst.type).toBeNull();
    expect(a.catalyst.weight).toBe(0);
    expect(a.kind.evidence!.phrase.length).toBeGreaterThan(0);
  });

  it.each(CALENDAR)('classifies_calendar_entry_without_catalyst: %s', (text) => {
    const a = analyseNews(text);
    expect(a.kind.kind).toBe('calendar');
    expect(a.catalyst.type).toBeNull();
  });

  it('keeps_a_move_with_its_reason_as_news', () => {
    expect(analyseNews('Acme shares jump 20% after FDA approval').catalyst.type).toBe('fda-clinical');
    expect(analyseNews('Acme shares drop 8% after earnings miss').kind.kind).toBe('news');
  });

  it('keeps_reported_results_beside_a_call_notice_as_news', () => {
    const a = analyseNews('Acme reports Q3 earnings beat, to host conference call at 5pm');
    expect(a.kind.kind).toBe('news');
    expect(a.catalyst.type).toBe('earnings');
  });

  it('reads_a_sovereign_debt_downgrade_as_macro_not_an_analyst_rating', () => {
    const a = analyseNews('Gold Futures Rise on US Debt Downgrade Fears');
    expect(a.catalyst.type).toBe('macro');
    expect(a.analystActions).toEqual([]);
  });

  it('still_blocks_longs_when_a_recap_mentions_an_offering', () => {
    const a = analyseNews('Acme shares down 12% premarket; prices $20M public offering');
    expect(a.catalyst.blocksLong).toBe(true);
  });
});
