import { describe, expect, it } from 'vitest';
import { analyseNews } from './analyse-news.ts';
import { scoreSentiment } from './sentiment.ts';

const score = (text: string) => scoreSentiment(text).score;

describe('scoreSentiment: contrast, negation and resolution (issue 19)', () => {
  it('lets_the_main_clause_decide_over_despite', () => {
    expect(score('Apple shares drop despite earnings beat')).toBeLessThan(0);
    expect(score('Despite a revenue miss, Acme shares rally')).toBeGreaterThan(0);
    expect(score('Acme shares rise although guidance disappoints')).toBeGreaterThan(0);
  });

  it('lets_what_follows_but_outweigh_what_precedes', () => {
    expect(score('Acme beats estimates but cuts guidance')).toBeLessThan(0);
    expect(score('Acme misses on revenue but raises full-year guidance')).toBeGreaterThan(0);
  });

  it('reads_a_closed_investigation_as_good_news', () => {
    expect(score('SEC investigation closed with no action')).toBeGreaterThan(0.3);
    expect(score('Judge dismisses lawsuit against Acme')).toBeGreaterThan(0);
    expect(score('Acme cleared in DOJ probe')).toBeGreaterThan(0);
    expect(score('Acme settles SEC probe')).toBeGreaterThan(0);
    expect(score('SEC opens investigation into Acme')).toBeLessThan(0);
  });

  it('reads_fda_setbacks_as_negative', () => {
    expect(scoreSentiment("FDA issues complete response letter for Acme's drug").label).toBe('negative');
    expect(scoreSentiment('Acme receives refuse to file letter from FDA').label).toBe('negative');
    expect(scoreSentiment('FDA places clinical hold on Acme trial').label).toBe('negative');
    expect(scoreSentiment('FDA lifts clinical hold on Acme trial').label).toBe('positive');
    expect(analyseNews("FDA issues complete response letter for Acme's drug").catalyst.type).toBe('fda-clinical');
  });

  it('reads_guidance_raised_versus_cut', () => {
    expect(scoreSentiment('Acme raises full-year guidance').label).toBe('positive');
    expect(scoreSentiment('Acme cuts full-year guidance').label).toBe('negative');
  });

  it('weighs_beats_and_misses_by_their_magnitude', () => {
    expect(score('Acme EPS beats by 20%, revenue misses by 1%')).toBeGreaterThan(0);
    expect(score('Acme EPS beats by 1%, revenue misses by 20%')).toBeLessThan(0);
    expect(score('Acme EPS beats by 25%')).toBeGreaterThan(score('Acme EPS beats by 2%'));
  });
});
