import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadConfig } from './load-config.ts';
import { LiveEnvSchema } from './env.schema.ts';
import { strategyParams, scannerConfig, riskConfig } from '../compose/settings.ts';
import { PARAMETER_SPACE, ParameterPointSchema, defaultPoint, pointAt, settingsFor, stepsOf, valueAt, type ParameterPoint } from './parameter-space.ts';

const anyPoint: fc.Arbitrary<ParameterPoint> = fc
  .tuple(...PARAMETER_SPACE.map((p) => fc.integer({ min: 0, max: stepsOf(p) }).map((k) => valueAt(p, k))))
  .map((values) => Object.fromEntries(PARAMETER_SPACE.map((p, i) => [p.name, values[i]!])) as ParameterPoint);

describe('the declared parameter space', () => {
  it('every_point_is_accepted_by_the_settings_schema_and_reaches_the_strategy_scanner_and_risk_settings', () => {
    fc.assert(
      fc.property(anyPoint, (point) => {
        const env = loadConfig({ TRADING_MODE: 'backtest', ...settingsFor(point) });
        const strategy = strategyParams(env);
        const scanner = scannerConfig(env);
        const risk = riskConfig(env);
        expect(strategy).toMatchObject({ minScore: point.minScore, stopAtr: point.stopAtr, rewardRisk: point.rewardRisk });
        expect(strategy.weights).toEqual({ news: point.weightNews, setup: point.weightSetup, pattern: point.weightPattern, trend: point.weightTrend });
        expect(scanner).toMatchObject({ halfLifeMinutes: point.newsHalfLifeMinutes, minCatalyst: point.minCatalyst });
        expect(risk).toMatchObject({ riskPerTradePct: point.riskPerTradePct, maxOpenPositions: point.maxOpenPositions });
      }),
      { numRuns: 300, seed: 18 },
    );
  });

  it('every_point_is_accepted_by_the_live_modes_variable_schemas', () => {
    // Live mode needs secrets to load whole; the tuned variables are parsed by the same field schemas in every mode.
    fc.assert(
      fc.property(anyPoint, (point) => {
        for (const [key, value] of Object.entries(settingsFor(point))) {
          const field = (LiveEnvSchema.shape as Record<string, { safeParse: (v: unknown) => { success: boolean } } | undefined>)[key];
          expect(field, `${key} is a live setting`).toBeDefined();
          expect(field!.safeParse(value).success, `${key}=${value}`).toBe(true);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('the_default_point_is_what_live_trading_runs_today', () => {
    const env = loadConfig({ TRADING_MODE: 'backtest' });
    const overridden = loadConfig({ TRADING_MODE: 'backtest', ...settingsFor(defaultPoint()) });
    expect(strategyParams(overridden)).toEqual(strategyParams(env));
    expect(scannerConfig(overridden)).toEqual(scannerConfig(env));
    expect(riskConfig(overridden)).toEqual(riskConfig(env));
  });

  it('refuses_a_point_off_the_grid_naming_the_parameter', () => {
    expect(() => settingsFor({ ...defaultPoint(), stopAtr: 2.1 })).toThrow(/stopAtr: expected a multiple of 0.25 from 1/);
    expect(() => settingsFor({ ...defaultPoint(), maxOpenPositions: 11 })).toThrow(/maxOpenPositions/);
    expect(ParameterPointSchema.safeParse({ ...defaultPoint(), extra: 1 }).success).toBe(false);
  });

  it('unit_coordinates_map_onto_every_value_of_each_parameter', () => {
    expect(pointAt(PARAMETER_SPACE.map(() => 0))).toEqual(Object.fromEntries(PARAMETER_SPACE.map((p) => [p.name, p.min])));
    expect(pointAt(PARAMETER_SPACE.map(() => 1))).toEqual(Object.fromEntries(PARAMETER_SPACE.map((p) => [p.name, p.max])));
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: PARAMETER_SPACE.length, maxLength: PARAMETER_SPACE.length }), (u) => ParameterPointSchema.safeParse(pointAt(u)).success));
  });

  it('the_config_refuses_signal_weights_that_are_all_zero', () => {
    expect(() => loadConfig({ TRADING_MODE: 'backtest', STRATEGY_WEIGHT_NEWS: '0', STRATEGY_WEIGHT_SETUP: '0', STRATEGY_WEIGHT_PATTERN: '0', STRATEGY_WEIGHT_TREND: '0' })).toThrow(/signal_weights_not_all_zero/);
  });
});
