import { describe, expect, it } from 'vitest';
import { reportAssumptions } from './assumptions.ts';

describe('report assumptions', () => {
  it('a_backtest_states_its_spread_model_slippage_fill_rules_latency_fees_and_metrics', () => {
    const lines = reportAssumptions('backtest', { spreadModel: 'Abdi-Ranaldo (2017) ...' }).join('\n');
    expect(lines).toMatch(/spread model: Abdi-Ranaldo/);
    expect(lines).toMatch(/Slippage: 1 bp \+ 50 bps x participation \+ 0.3 x the bar's high-low range/);
    expect(lines).toMatch(/trades through them/);
    expect(lines).toMatch(/books the stop/);
    expect(lines).toMatch(/Order latency: 300-500 ms/);
    expect(lines).toMatch(/News latency: .* 5-60 s/);
    expect(lines).toMatch(/SEC fee \$27\.80 per \$1M and FINRA TAF \$0\.000166 per share/);
    expect(lines).toMatch(/crypto 25 bps a side/);
    expect(lines).toMatch(/sqrt\(252\)/);
  });

  it('paper_says_its_fills_are_kinder_than_live_ones', () => {
    const lines = reportAssumptions('paper').join('\n');
    expect(lines).toMatch(/NBBO with no market impact, slippage, queue position or fees/);
    expect(lines).toMatch(/Fees in trade figures/);
  });
});
