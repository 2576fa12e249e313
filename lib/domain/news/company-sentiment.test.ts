import { describe, expect, it } from 'vitest';
import { analyseNews } from './analyse-news.ts';
import { NEWS_TEST_ASSETS } from './test-assets.ts';
import { buildTickerIndex, linkTickers } from './ticker-link.ts';

const index = buildTickerIndex(NEWS_TEST_ASSETS);
const symbols = (text: string) => linkTickers(text, index).filter((l) => l.confidence >= 0.6).map((l) => l.symbol);
const company = (text: string, symbol: string) => {
  const c = analyseNews(text, index).companies.find((x) => x.symbol === symbol);
  expect(c, `${symbol} in "${text}"`).toBeDefined();
  return c!;
};

describe('linking: precision first (issue 19)', () => {
  it('never_reads_an_abbreviation_in_parentheses_as_a_ticker_without_its_name', () => {
    expect(symbols('Companies bet on artificial intelligence (AI) to cut costs')).toEqual([]);
    expect(symbols('The European Union (EU) fines Apple over App Store rules')).toEqual(['AAPL']);
    expect(symbols('Renaissance expects more initial public offerings (IPO) in 2026')).toEqual([]);
  });

  it('links_a_parenthesised_ticker_after_its_company_name', () => {
    expect(symbols('C3.ai (AI) shares jump after earnings')).toEqual(['AI']);
    expect(linkTickers('Shares of Tesla (TSLA) rise', index)[0]).toMatchObject({ symbol: 'TSLA' });
  });

  it('links_an_everyday_word_company_when_it_acts_like_one', () => {
    expect(symbols('Apple beats estimates')).toEqual(['AAPL']);
    expect(symbols('Target cuts outlook as shoppers pull back')).toEqual(['TGT']);
    expect(symbols('Ford recalls 100,000 trucks')).toEqual(['F']);
    expect(symbols('Shoppers hit the target')).toEqual([]);
    expect(symbols('Apple pie recipes for the holidays')).toEqual([]);
  });

  it('links_a_bare_ticker_only_beside_shares_or_stock', () => {
    expect(symbols('AAPL shares rise')).toEqual(['AAPL']);
    expect(symbols('AI is changing how banks work')).toEqual([]);
  });

  it('keeps_the_evidence_for_each_link', () => {
    const [link] = linkTickers('$TSLA: Tesla deliveries beat', index);
    expect(link!.evidence.map((e) => e.kind)).toEqual(['cashtag', 'name']);
  });
});

describe('per-company direction and role (issue 19)', () => {
  it('reads_the_target_of_a_premium_bid_positive_and_the_acquirer_not', () => {
    const text = 'Microsoft to acquire Activision Blizzard at a 45% premium';
    expect(company(text, 'ATVI')).toMatchObject({ role: 'target', direction: 'positive', catalyst: 'merger-acquisition' });
    const msft = company(text, 'MSFT');
    expect(msft.role).toBe('acquirer');
    expect(msft.score).toBeLessThanOrEqual(0);
    expect(company(text, 'ATVI').deciding).toContain('45% premium');
  });

  it('reads_a_passive_deal_the_right_way_round', () => {
    const text = 'Activision Blizzard to be acquired by Microsoft for $69 billion';
    expect(company(text, 'ATVI').role).toBe('target');
    expect(company(text, 'MSFT').role).toBe('acquirer');
  });

  it('reads_downgrade_x_upgrade_y_per_company', () => {
    const text = 'Jefferies downgrades Ford to Hold, upgrades General Motors to Buy';
    expect(company(text, 'F')).toMatchObject({ role: 'subject', direction: 'negative', catalyst: 'analyst-rating' });
    expect(company(text, 'GM')).toMatchObject({ role: 'subject', direction: 'positive', catalyst: 'analyst-rating' });
  });

  it('never_makes_the_research_firm_the_subject_of_its_call', () => {
    const text = 'Goldman Sachs downgrades Apple to Sell';
    expect(company(text, 'GS')).toMatchObject({ role: 'mentioned', score: 0 });
    expect(company(text, 'AAPL')).toMatchObject({ role: 'subject', direction: 'negative' });
  });

  it('gives_a_recap_no_direction_for_any_company', () => {
    for (const c of analyseNews('Stocks hitting 52-week highs: Apple, Tesla', index).companies) expect(c).toMatchObject({ score: 0, strength: 0, catalyst: null });
  });

  it('splits_two_facts_between_two_companies', () => {
    expect(company('Tesla shares rise while Ford falls', 'TSLA').direction).toBe('positive');
    expect(company('Tesla shares rise while Ford falls', 'F').score).toBeLessThan(0);
  });

  it('marks_peers_without_news_of_their_own', () => {
    expect(company('Nvidia rallies; peers AMD and Intel follow', 'INTC')).toMatchObject({ role: 'peer', score: 0 });
    expect(company('Nvidia rallies; peers AMD and Intel follow', 'NVDA')).toMatchObject({ role: 'subject', direction: 'positive' });
  });

  it('does_not_read_a_company_name_as_a_sentiment_word', () => {
    expect(company('Zoom shares fall after earnings', 'ZM').score).toBeLessThan(0);
  });
});
