import { describe, expect, it } from 'vitest';
import { compareFigures } from './figure-compare.ts';
import { tokenize } from './tokens.ts';

const compare = (text: string) => compareFigures(tokenize(text)).map(({ sign, against }) => [sign, against]);

describe('compareFigures', () => {
  it('compares_the_reported_figure_with_the_prior_period_and_consensus', () => {
    expect(compare("Macy's Q3 sales $5.173 bln vs. $5.404 bln; FactSet consensus $5.321 bln")).toEqual([
      [-1, 'prior'],
      [-1, 'consensus'],
    ]);
  });

  it('scales_units_before_comparing', () => {
    expect(compare('Yum Q4 EPS $1.00 vs. 40 cents a year ago')).toEqual([[1, 'prior']]);
    expect(compare('Payrolls 125K vs 153K')).toEqual([[-1, 'prior']]);
  });

  it('reads_a_range_as_its_midpoint_and_vs_consensus_as_consensus', () => {
    expect(compare("Kohl's sees EPS $4.75 to $4.95 vs. prior $5.15 to $5.45")).toEqual([[-1, 'prior']]);
    expect(compare('EPS $1.02 vs. consensus of $0.98')).toEqual([[1, 'consensus']]);
  });

  it('ignores_years_and_equal_figures', () => {
    expect(compare('2019 sales vs 2018 sales')).toEqual([]);
    expect(compare('Hanesbrands EPS 51 cents; FactSet consensus 51 cents')).toEqual([]);
  });
});
