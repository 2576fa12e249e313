import { describe, expect, it } from 'vitest';
import { readPlan, readSignalInputs, readStages } from './json-columns.ts';

describe('JSON columns are parsed when read', () => {
  it('returns_a_well_formed_plan_untouched', () => {
    const plan = { stopPrice: 9.5, takeProfitPrice: 11, riskPerUnitUsd: 0.5, timeExitAt: null, trail: { high: 10.2 } };
    expect(readPlan(plan, 'positions.plan')).toBe(plan);
    expect(readPlan(null, 'positions.plan')).toBeNull();
  });

  it('names_the_column_and_field_of_a_malformed_value', () => {
    expect(() => readPlan({ stopPrice: '9.5', takeProfitPrice: null, riskPerUnitUsd: 0.5, timeExitAt: null }, 'intents.plan')).toThrow(/Stored intents\.plan is malformed: intents\.plan\.stopPrice expected number/);
    expect(() => readSignalInputs({ plan: { entry: 10, stop: 9.5, target: 11 } })).toThrow(/signals\.inputs\.plan\.riskPerUnitUsd is required/);
    expect(() => readStages([{ name: 'scan', startedAt: 1, ms: 2, ok: 'yes', why: 'due', counts: {} }])).toThrow(/cycles\.stages\.0\.ok/);
  });

  it('gives_execute_the_signal_plan_typed', () => {
    const inputs = readSignalInputs({ plan: { entry: 10, stop: 9.5, target: 11, riskPerUnitUsd: 0.5, stopBasis: 'vwap' }, news: { storyIds: [4] }, indicators: {} });
    expect(inputs.plan?.riskPerUnitUsd).toBe(0.5);
    expect(inputs.news?.storyIds?.[0]).toBe(4);
  });
});
