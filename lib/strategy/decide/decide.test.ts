import { describe, expect, it } from 'vitest';
import { decide, STRATEGY_WARMUP_BARS } from './decide.ts';
import { DEFAULT_STRATEGY, type StrategySnapshot } from './strategy-types.ts';

const NOW = Date.parse('2026-11-23T15:05:00Z');
const snapshot = (over: Partial<StrategySnapshot> = {}): StrategySnapshot => ({
  symbol: 'ACME',
  now: NOW,
  price: 12.5,
  lastBarT: NOW - 60_000,
  barCount: 200,
  indicators: {
    sma20: 12.2, ema10: 12.35, ema20: 12.2, rsi14: 64, macd: 0.05, macdSignal: 0.03, macdHistogram: 0.02, bbUpper: 12.7, bbMiddle: 12.2, bbLower: 11.7,
    atr14: 0.1, adx14: 30, plusDi14: 32, minusDi14: 14, vwap: 12.3, obv: 1e6,
  },
  regime: { regime: 'trending-up', trend: 'up', volatile: false, inputs: { adx: 30, plusDi: 32, minusDi: 14, atrPercent: 0.8, bandWidthPercent: 8 }, thresholds: { trendAdx: 25, volatileAtrPercent: 0.25, volatileBandWidthPercent: 2 } as never, reasons: [] },
  detections: [{ name: 'opening-range-breakout', kind: 'setup', direction: 'long', t: NOW - 120_000, levels: { rangeHigh: 12.4, rangeLow: 12.3, close: 12.45 } }],
  news: { catalystScore: 0.7, catalystType: 'earnings', blocksLong: false, newestAgeMinutes: 20, newsItemIds: [7], storyIds: [3], headline: 'Acme beats estimates' },
  shortable: true,
  ...over,
});

describe('decide', () => {
  it('goes_long_on_a_fresh_catalyst_confirmed_by_a_setup_and_explains_why', () => {
    const s = decide(snapshot());
    expect(s.direction).toBe('long');
    expect(s.score).toBeGreaterThanOrEqual(DEFAULT_STRATEGY.minScore);
    expect(s.plan).toEqual({ entry: 12.5, stop: 12.3, target: expect.closeTo(12.9, 10), riskPerUnitUsd: expect.closeTo(0.2, 10), stopBasis: 'opening-range-breakout rangeLow 12.30' });
    expect(s.explanation).toMatch(/^Long ACME at 12\.50: score 0\.\d\d \(min 0\.55\)\. news: earnings catalyst 0\.70, 20 min old: "Acme beats estimates"; setup: opening-range-breakout 2 min ago; .*Stop 12\.30 .*target 12\.90 \(2R\)\.$/);
    expect(s.warmupBars).toBe(STRATEGY_WARMUP_BARS);
  });

  it('uses_the_atr_stop_when_the_setup_level_is_too_close_or_too_far', () => {
    const s = decide(snapshot({ detections: [{ name: 'vwap-reclaim', kind: 'setup', direction: 'long', t: NOW - 60_000, levels: { vwap: 12.48, runLow: 11.5 } }] }));
    expect(s.plan?.stopBasis).toBe('2 ATR (0.10) from 12.50');
    expect(s.plan?.stop).toBeCloseTo(12.3);
  });

  it('does_not_trade_without_a_setup_or_with_a_stale_one', () => {
    expect(decide(snapshot({ detections: [] }))).toMatchObject({ direction: 'none', plan: null });
    const stale = decide(snapshot({ detections: [{ name: 'bull-flag', kind: 'setup', direction: 'long', t: NOW - 30 * 60_000, levels: {} }] }));
    expect(stale.explanation).toMatch(/no setup confirms the catalyst/);
  });

  it('refuses_longs_on_dilution_and_shorts_when_disabled', () => {
    expect(decide(snapshot({ news: { ...snapshot().news, blocksLong: true } })).explanation).toBe('No trade in ACME: offering or dilution news blocks new longs.');
    expect(decide(snapshot({ news: { ...snapshot().news, catalystScore: -0.8 } })).explanation).toBe('No trade in ACME: negative catalyst and shorts are off.');
  });

  it('shorts_a_negative_catalyst_when_allowed_and_shortable', () => {
    const bearish = snapshot({
      price: 11.5,
      news: { ...snapshot().news, catalystScore: -0.8, catalystType: 'guidance', headline: 'Acme cuts guidance' },
      indicators: { ...snapshot().indicators, ema10: 11.6, ema20: 11.9, macdHistogram: -0.03, rsi14: 35, vwap: 11.8 },
      regime: { ...snapshot().regime, regime: 'trending-down', trend: 'down' },
      detections: [{ name: 'opening-range-breakout', kind: 'setup', direction: 'short', t: NOW - 60_000, levels: { rangeLow: 11.6 } }],
    });
    const s = decide(bearish, { ...DEFAULT_STRATEGY, allowShorts: true });
    expect(s.direction).toBe('short');
    expect(s.plan!.stop).toBeGreaterThan(11.5);
    expect(s.plan!.target).toBeLessThan(11.5);
    expect(decide({ ...bearish, shortable: false }, { ...DEFAULT_STRATEGY, allowShorts: true }).direction).toBe('none');
  });

  it('waits_for_the_warmup_and_rejects_a_weak_score', () => {
    expect(decide(snapshot({ barCount: 10 })).explanation).toBe(`No trade in ACME: only 10 bars, the indicators need ${STRATEGY_WARMUP_BARS}.`);
    const weak = decide(snapshot({ news: { ...snapshot().news, catalystScore: 0.1 }, indicators: { ...snapshot().indicators, ema10: 12.1, macdHistogram: -0.01, vwap: 12.6 }, regime: { ...snapshot().regime, regime: 'ranging' } }));
    expect(weak.direction).toBe('none');
    expect(weak.explanation).toMatch(/score 0\.\d\d below 0\.55/);
  });

  it('is_deterministic', () => {
    expect(decide(snapshot())).toEqual(decide(snapshot()));
  });
});
