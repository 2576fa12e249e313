import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newYorkTime } from '../domain/calendar/new-york-time.ts';
import { toColumns } from './indicators/bar-columns.ts';
import { parseSharedDataCsv } from './indicators/fixtures/shared-data-bars.ts';
import { computeIndicators } from './indicators/indicator-set.ts';
import {
  classifyMarketRegime,
  classifyRegime,
  DAILY_REGIME_THRESHOLDS,
  regimeInputsAt,
  type RegimeInputs,
} from './regime.ts';
import { sharedData, skipWithoutSharedData } from '../../test/support/shared-data.ts';

// Price 100: ATR 1.5 is 1.5 % of price, bands 95..105 are 10 % wide: calm on daily thresholds.
const CALM: RegimeInputs = { close: 100, adx: 30, plusDi: 30, minusDi: 12, atr: 1.5, bbUpper: 105, bbMiddle: 100, bbLower: 95 };

describe.skipIf(skipWithoutSharedData('bars'))('symbol regime', () => {
  it('calls_a_strong_adx_with_plus_di_ahead_trending_up', () => {
    const r = classifyRegime(CALM, DAILY_REGIME_THRESHOLDS);
    expect(r).toMatchObject({ regime: 'trending-up', trend: 'up', volatile: false });
    expect(r.inputs).toEqual({ adx: 30, plusDi: 30, minusDi: 12, atrPercent: 1.5, bandWidthPercent: 10 });
    expect(r.reasons.join(' ')).toContain('ADX 30.00 ≥ 25');
  });

  it('calls_minus_di_ahead_trending_down_and_a_weak_adx_ranging', () => {
    expect(classifyRegime({ ...CALM, plusDi: 10, minusDi: 35 }, DAILY_REGIME_THRESHOLDS).regime).toBe('trending-down');
    expect(classifyRegime({ ...CALM, adx: 18 }, DAILY_REGIME_THRESHOLDS)).toMatchObject({ regime: 'ranging', trend: 'none' });
  });

  it('puts_volatility_before_trend_but_keeps_the_trend', () => {
    const wideAtr = classifyRegime({ ...CALM, atr: 3.5 }, DAILY_REGIME_THRESHOLDS);
    expect(wideAtr).toMatchObject({ regime: 'volatile', trend: 'up', volatile: true });
    const wideBands = classifyRegime({ ...CALM, bbUpper: 108, bbLower: 92 }, DAILY_REGIME_THRESHOLDS);
    expect(wideBands.regime).toBe('volatile');
    expect(wideBands.inputs.bandWidthPercent).toBeCloseTo(16, 10);
  });

  it('is_unknown_until_the_indicators_have_values', () => {
    const r = classifyRegime({ ...CALM, adx: null }, DAILY_REGIME_THRESHOLDS);
    expect(r).toMatchObject({ regime: 'unknown', trend: null, volatile: null });
    expect(r.reasons[0]).toMatch(/not enough bars/);
  });

  it('reads_real_daily_aapl_regimes', () => {
    const bars = parseSharedDataCsv(readFileSync(sharedData('bars', 'daily', 'AAPL.csv'), 'utf8'));
    const columns = toColumns(bars);
    const set = computeIndicators(columns);
    const at = (date: string) => classifyRegime(regimeInputsAt(set, columns.close, bars.findIndex((b) => b.t === newYorkTime(date, '09:30'))), DAILY_REGIME_THRESHOLDS);
    // 2015-08-24, the morning the market gapped down: ATR 4.0 % of price, −DI 58 vs +DI 9.
    expect(at('2015-08-24')).toMatchObject({ regime: 'volatile', trend: 'down' });
    // May 2017, a steady climb: ADX 33, +DI 46 vs −DI 16, ATR 1.2 %.
    expect(at('2017-05-12').regime).toBe('trending-up');
    expect(at('2012-09-10').regime).toBe('unknown');
  });
});

describe.skipIf(skipWithoutSharedData('bars'))('market regime', () => {
  const up = classifyRegime(CALM, DAILY_REGIME_THRESHOLDS);
  const down = classifyRegime({ ...CALM, plusDi: 10, minusDi: 35 }, DAILY_REGIME_THRESHOLDS);
  const ranging = classifyRegime({ ...CALM, adx: 15 }, DAILY_REGIME_THRESHOLDS);
  const unknown = classifyRegime({ ...CALM, atr: null }, DAILY_REGIME_THRESHOLDS);

  it('follows_the_benchmark_when_it_has_one', () => {
    const m = classifyMarketRegime([up, up, ranging], down);
    expect(m.regime).toBe('trending-down');
    expect(m.breadth).toMatchObject({ 'trending-up': 2, ranging: 1 });
  });

  it('takes_the_most_common_symbol_regime_without_a_benchmark', () => {
    expect(classifyMarketRegime([up, up, down, unknown]).regime).toBe('trending-up');
    expect(classifyMarketRegime([up, down]).regime).toBe('ranging');
    expect(classifyMarketRegime([unknown], unknown).regime).toBe('unknown');
  });
});
