import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_CONFIG, riskConfigProblems } from './risk-config.ts';

describe('risk config', () => {
  it('has_defaults_without_problems', () => {
    expect(riskConfigProblems(DEFAULT_RISK_CONFIG)).toEqual([]);
    expect(Object.isFrozen(DEFAULT_RISK_CONFIG)).toBe(true);
  });

  it('names_each_broken_rule_in_a_sentence', () => {
    const problems = riskConfigProblems({ ...DEFAULT_RISK_CONFIG, riskPerTradePct: 3, maxPositionPct: 150, maxOpenPositions: 2.5, maxSpreadBps: Number.NaN });
    expect(problems).toEqual([
      'maxSpreadBps must be a finite number of at least 0 (got NaN).',
      'riskPerTradePct (3 %) exceeds dailyLossLimitPct (2 %): one stopped trade would pass the daily limit.',
      'maxPositionPct (150 %) exceeds maxGrossExposurePct (100 %): one position could never reach its limit.',
      'maxOpenPositions and maxTradesPerNews are counts and must be whole numbers.',
    ]);
  });

  it('refuses_a_zero_risk_or_stop_multiple', () => {
    expect(riskConfigProblems({ ...DEFAULT_RISK_CONFIG, riskPerTradePct: 0, stopAtrMultiple: 0 })).toEqual([
      'riskPerTradePct must be above 0, or no trade can ever be sized.',
      'stopAtrMultiple must be above 0: a stop at the entry has no distance to size from.',
    ]);
  });
});
