import { describe, expect, it } from 'vitest';
import { parseAnalystActions } from './analyst-action.ts';
import { scoreSentiment } from './sentiment.ts';

const one = (text: string) => {
  const actions = parseAnalystActions(text);
  expect(actions).toHaveLength(1);
  return actions[0]!;
};

describe('parseAnalystActions', () => {
  it('reads_a_downgrade_to_outperform_with_a_raised_target_as_a_downgrade', () => {
    const a = one('Morgan Stanley Downgrades Nvidia to Outperform, Raises PT to $150');
    expect(a).toMatchObject({ action: 'downgrade', firm: 'Morgan Stanley', ratingTo: 'outperform', targetTo: 150 });
    expect(a.subject?.text).toBe('Nvidia');
    expect(a.score).toBeLessThan(0);
    expect(scoreSentiment('Morgan Stanley Downgrades Nvidia to Outperform, Raises PT to $150').score).toBeLessThan(0);
  });

  it('reads_maintains_buy_with_a_lowered_target_as_negative', () => {
    const text = 'Goldman Sachs Maintains Buy on Tesla, Lowers Price Target to $300 from $350';
    const a = one(text);
    expect(a).toMatchObject({ action: 'reiterate', firm: 'Goldman Sachs', ratingTo: 'buy', targetFrom: 350, targetTo: 300 });
    expect(a.subject?.text).toBe('Tesla');
    expect(a.score).toBeLessThan(0);
    expect(scoreSentiment(text).label).toBe('negative');
  });

  it('reads_subject_first_upgrades_with_the_firm_after_at', () => {
    expect(one('Allergan upgraded to buy from neutral at UBS')).toMatchObject({
      action: 'upgrade', firm: 'UBS', subject: { text: 'Allergan' }, ratingFrom: 'neutral', ratingTo: 'buy',
    });
    expect(one('Cemex cut at Credit Suisse on weak building outlook')).toMatchObject({ action: 'downgrade', firm: 'Credit Suisse', subject: { text: 'Cemex' } });
  });

  it('reads_price_target_changes_with_from_and_to', () => {
    const a = one("Children's Place price target cut to $80 from $105");
    expect(a).toMatchObject({ action: 'price-target', targetFrom: 105, targetTo: 80, subject: { text: "Children's Place" } });
    expect(a.score).toBeLessThan(-0.6);
    expect(one('Citi raises Apple price target to $200 from $180')).toMatchObject({ action: 'price-target', firm: 'Citi', subject: { text: 'Apple' }, targetFrom: 180, targetTo: 200 });
  });

  it('scores_a_larger_target_change_more_strongly', () => {
    const small = one('Citi raises Apple price target to $182 from $180').score;
    const large = one('Citi raises Apple price target to $240 from $180').score;
    expect(large).toBeGreaterThan(small);
    expect(small).toBeGreaterThan(0);
  });

  it('reads_initiations_by_their_rating', () => {
    const a = one('Barclays Initiates Coverage On Snowflake With Overweight Rating, Announces Price Target of $210');
    expect(a).toMatchObject({ action: 'initiate', firm: 'Barclays', subject: { text: 'Snowflake' }, ratingTo: 'overweight', targetTo: 210 });
    expect(a.score).toBeGreaterThan(0);
    expect(one('Snowflake initiated at Sell at Citi')).toMatchObject({ action: 'initiate', firm: 'Citi', ratingTo: 'sell' });
    expect(one('Snowflake initiated at Sell at Citi').score).toBeLessThan(0);
    expect(one('Acme initiated at Neutral at Citi').score).toBe(0);
  });

  it('reads_two_actions_on_two_companies', () => {
    const [ford, gm] = parseAnalystActions('Jefferies downgrades Ford to Hold, upgrades GM to Buy');
    expect(ford).toMatchObject({ action: 'downgrade', firm: 'Jefferies', subject: { text: 'Ford' }, ratingTo: 'hold' });
    expect(gm).toMatchObject({ action: 'upgrade', subject: { text: 'GM' }, ratingTo: 'buy' });
  });

  it('merges_a_reiteration_with_its_target', () => {
    expect(one('Needham Reiterates Buy on Roku, Maintains $120 Price Target')).toMatchObject({ action: 'reiterate', ratingTo: 'buy', targetTo: 120, subject: { text: 'Roku' } });
    expect(one('Tesla PT Lowered to $300 at Goldman, Maintains Buy Rating')).toMatchObject({ action: 'reiterate', firm: 'Goldman', subject: { text: 'Tesla' }, targetTo: 300 });
  });

  it('finds_no_action_in_a_credit_downgrade_or_plain_text', () => {
    expect(parseAnalystActions('Gold Futures Rise on US Debt Downgrade Fears')).toEqual([]);
    expect(parseAnalystActions("Moody's downgrades US credit rating")).toEqual([]);
    expect(parseAnalystActions('Stocks to buy now')).toEqual([]);
  });
});
