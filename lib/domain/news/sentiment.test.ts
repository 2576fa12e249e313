import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreSentiment } from './sentiment.ts';

const label = (text: string) => scoreSentiment(text).label;

describe('scoreSentiment: direction words applied to financial quantities', () => {
  it('scores_profit_rose_as_positive', () => expect(label('Fiat Chrysler profit rose 12% in the third quarter')).toBe('positive'));
  it('scores_loss_narrowed_as_positive', () => expect(label('Uber quarterly loss narrowed')).toBe('positive'));
  it('scores_losses_widen_as_negative', () => expect(label('Pinduoduo losses widen')).toBe('negative'));
  it('scores_costs_surge_as_negative', () => expect(label('Airline costs surge')).toBe('negative'));
  it('scores_cuts_guidance_as_negative', () => expect(label('Nike cuts guidance')).toBe('negative'));
  it('scores_raises_guidance_as_positive', () => expect(label('Target raises full-year outlook')).toBe('positive'));
  it('scores_cuts_costs_as_positive', () => expect(label('Chevron cuts costs')).toBe('positive'));
  it('scores_misses_estimates_as_negative', () => expect(label('Bellerophon EPS misses estimates')).toBe('negative'));
  it('scores_beats_estimates_as_positive', () => expect(label('Willis Towers Watson EPS beats by $0.04, beats on revenue')).toBe('positive'));
  it('scores_upgrade_as_positive', () => expect(label('Allergan upgraded to buy from neutral at UBS')).toBe('positive'));
  it('scores_downgrade_as_negative', () => expect(label('Rio Tinto downgraded to neutral from overweight at J.P. Morgan')).toBe('negative'));
  it('scores_price_target_raised_as_positive', () => expect(label('Apple price target raised to $350 at Wedbush')).toBe('positive'));
  it('scores_price_target_cut_as_negative', () => expect(label("Children's Place price target cut to $80 from $105")).toBe('negative'));
  it('scores_shares_tumble_as_negative', () => expect(label('Uber shares tumble 6% in premarket')).toBe('negative'));
  it('scores_unemployment_falling_as_positive', () => expect(label('Unemployment falls to record low')).toBe('positive'));
});

describe('scoreSentiment: negation, intensity and noise', () => {
  it('flips_fails_to_beat', () => expect(label('Acme fails to beat estimates')).toBe('negative'));
  it('flips_not_strong', () => expect(scoreSentiment('Demand is not strong').score).toBeLessThan(0));
  it('flips_no_longer_growing', () => expect(label('Sales are no longer growing')).toBe('negative'));
  it('scores_a_plunge_stronger_than_a_dip', () => {
    expect(scoreSentiment('Shares plunge 20%').score).toBeLessThan(scoreSentiment('Shares dip').score);
    expect(scoreSentiment('Shares sharply higher').score).toBeGreaterThan(scoreSentiment('Shares slightly higher').score);
  });
  it('reads_a_signed_percentage_as_a_move', () => expect(label('$TUP +12% after insider buying')).toBe('positive'));
  it('keeps_a_question_headline_neutral', () => expect(label('Is Cronos Group Inc. (CRON) A Good Stock To Buy?')).toBe('neutral'));
  it('keeps_a_plain_news_headline_neutral', () => expect(label('Gilat Satellite reports Q3 results')).toBe('neutral'));
  it('keeps_cashtags_links_and_hashtags_neutral', () => expect(label('$AAPL $MSFT $GOOG https://t.co/abc #stocks #markets')).toBe('neutral'));
  it('ignores_idioms_with_direction_words', () => expect(label('Sign up for updates; CEO to step down')).toBe('neutral'));
});

describe('scoreSentiment: reported figures', () => {
  it('scores_sales_below_prior_and_consensus_as_negative', () =>
    expect(label("Macy's Q3 sales $5.173 bln vs. $5.404 bln; FactSet consensus $5.321 bln")).toBe('negative'));
  it('scores_eps_above_prior_and_consensus_as_positive', () =>
    expect(label('Yum Brands Q4 adj. EPS $1.00 vs. 40 cents a year ago; FactSet consensus 99 cents')).toBe('positive'));
});

describe('scoreSentiment: contract', () => {
  it('points_its_evidence_at_the_phrases_in_the_text', () => {
    const text = 'Nissan profit falls sharply; shares slide';
    const s = scoreSentiment(text);
    expect(s.evidence.length).toBeGreaterThanOrEqual(2);
    for (const e of s.evidence) expect(text.slice(e.start, e.end)).toBe(e.phrase);
    expect(s.evidence.every((e) => e.weight < 0)).toBe(true);
  });

  it('returns_a_score_in_range_deterministically_for_any_text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const a = scoreSentiment(text);
        expect(a.score).toBeGreaterThanOrEqual(-1);
        expect(a.score).toBeLessThanOrEqual(1);
        expect(scoreSentiment(text)).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });
});
