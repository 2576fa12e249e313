import { describe, expect, it } from 'vitest';
import { classifyCatalyst, type CatalystType } from './catalyst.ts';

const CASES: [string, string, CatalystType][] = [
  ['earnings_report', 'Denso reports Q3 results', 'earnings'],
  ['earnings_beat', 'Madison Square Garden beats estimates on revenue', 'earnings'],
  ['guidance_cut', 'Nike cuts guidance for the full year', 'guidance'],
  ['analyst_upgrade', 'Cabot upgraded to buy from neutral at UBS', 'analyst-rating'],
  ['price_target_change', "Children's Place price target cut to $80 from $105", 'analyst-rating'],
  ['acquisition', 'Asbury Automotive to acquire luxury dealerships in $1 billion deal', 'merger-acquisition'],
  ['fda_approval', "FDA approves Merck's Keytruda for first-line lung cancer", 'fda-clinical'],
  ['clinical_trial', 'Ocular Therapeutix up 11% on encouraging Phase 3 data', 'fda-clinical'],
  ['contract_award', 'Leidos wins $300M contract from the Department of Energy', 'contract-partnership'],
  ['offering', 'Acme Corp prices $50M public offering of common stock', 'offering-dilution'],
  ['lawsuit', 'Huawei sues Verizon for patent infringement', 'legal-regulatory'],
  ['executive_departure', "Macy's finance chief Paula Price to step down in May", 'executive-change'],
  ['buyback', 'HollyFrontier to buy back $1 bln in shares', 'buyback-dividend'],
  ['dividend', 'Blackbaud declares $0.12 dividend', 'buyback-dividend'],
  ['macro', 'CPI inflation rises 0.3% as the Fed weighs a rate cut', 'macro'],
];

describe('classifyCatalyst', () => {
  it.each(CASES)('classifies_%s', (_name, text, type) => {
    const c = classifyCatalyst(text);
    expect(c.type).toBe(type);
    expect(c.weight).toBeGreaterThan(0);
    expect(c.weight).toBeLessThanOrEqual(1);
  });

  it('finds_no_catalyst_in_plain_text', () => {
    expect(classifyCatalyst('Nice weather in New York today')).toEqual({ type: null, blocksLong: false, weight: 0, evidence: [], secondary: [] });
  });

  it('needs_more_than_one_weak_word', () => {
    expect(classifyCatalyst('Holiday sales chatter').type).toBeNull();
  });

  it('blocks_longs_on_an_offering_even_beside_a_stronger_catalyst', () => {
    const c = classifyCatalyst('XYZ reports Q3 results and announces $40M registered direct offering');
    expect(c.type).toBe('earnings');
    expect(c.blocksLong).toBe(true);
    expect(c.evidence.some((e) => e.type === 'offering-dilution')).toBe(true);
    expect(c.secondary.map((s) => s.type)).toContain('offering-dilution');
  });

  it('does_not_treat_an_ipo_as_dilution', () => {
    const c = classifyCatalyst('Casper prices initial public offering at $12');
    expect(c.blocksLong).toBe(false);
  });

  it('points_its_evidence_at_the_phrase_in_the_text', () => {
    const text = 'Apple Q3 earnings beat estimates; raises guidance';
    const c = classifyCatalyst(text);
    expect(c.type).toBe('earnings');
    for (const e of c.evidence) expect(text.slice(e.start, e.end)).toBe(e.phrase);
    expect(c.evidence.map((e) => e.phrase)).toEqual(['Q3 earnings', 'beat estimates']);
    expect(c.secondary[0]?.type).toBe('guidance');
  });

  it('weighs_earnings_above_an_executive_change', () => {
    expect(classifyCatalyst('Tesla Q4 earnings beat estimates').weight).toBeGreaterThan(classifyCatalyst('Tesla names new CFO').weight);
  });
});

describe('classifyCatalyst with SEC 8-K items', () => {
  it('maps_item_2_02_to_earnings', () => {
    const c = classifyCatalyst('8-K filed by Acme', { items: ['2.02', '9.01'] });
    expect(c.type).toBe('earnings');
    expect(c.evidence).toEqual([{ type: 'earnings', phrase: '8-K Item 2.02', start: -1, end: -1, confidence: 0.95 }]);
  });

  it('maps_item_3_02_to_dilution_that_blocks_longs', () => {
    const c = classifyCatalyst('8-K filed by Acme', { items: 'Item 3.02, Item 9.01' });
    expect(c.type).toBe('offering-dilution');
    expect(c.blocksLong).toBe(true);
  });

  it('maps_item_5_02_to_an_executive_change_and_1_01_to_an_agreement', () => {
    expect(classifyCatalyst('Current report', { items: ['5.02'] }).type).toBe('executive-change');
    expect(classifyCatalyst('Current report', { items: ['1.01'] }).type).toBe('contract-partnership');
  });

  it('reads_a_press_release_item_by_its_text', () => {
    expect(classifyCatalyst('Current report', { items: ['7.01'] }).type).toBeNull();
    expect(classifyCatalyst('Acme announces FDA approval of its drug', { items: ['8.01'] }).type).toBe('fda-clinical');
  });
});
