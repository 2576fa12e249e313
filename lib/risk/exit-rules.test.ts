import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Bar, Quote } from '../domain/market.ts';
import { positionActions } from './exit-rules.ts';
import { entryPlanFromFill, initialBracket } from './exit-rules-bracket.ts';
import { flattenDeadline } from './exit-rules-clock.ts';
import { DEFAULT_EXIT_RULES_CONFIG } from './exit-rules-config.ts';
import type { EntryPlan, ExitRuleInput, LatestSignal } from './exit-rules-types.ts';
import { EXIT_REASONS } from './exit-reasons.ts';
import { NOW } from './risk-fixtures.test-support.ts';

const MIN = 60_000;
const plan = (over: Partial<EntryPlan> = {}): EntryPlan => ({
  symbol: 'AAPL', assetClass: 'us_equity', side: 'long', qty: 100, entryPriceUsd: 100, initialStopUsd: 95, currentStopUsd: 95, takeProfitUsd: 110, enteredAt: NOW, ...over,
});
const quote = (bid: number, t = NOW + 30 * MIN): Quote => ({ t, bidPrice: bid, bidSize: 1, askPrice: bid + 0.02, askSize: 1 });
const bar = (t: number, h: number, l: number, c: number): Bar => ({ t, o: c, h, l, c, v: 1_000 });
const input = (over: Partial<ExitRuleInput> = {}): ExitRuleInput => ({ plan: plan(), bars: [], quote: quote(101), signal: null, now: NOW + 30 * MIN, ...over });
const signal = (over: Partial<LatestSignal> = {}): LatestSignal => ({ signalId: 'sig-9', direction: 'short', score: 0.7, at: NOW + 29 * MIN, ...over });
const only = (i: ExitRuleInput) => positionActions(i);

describe('exit rules', () => {
  it('builds_the_initial_bracket_at_r_multiples', () => {
    const long = initialBracket({ symbol: 'AAPL', side: 'long', qty: 100, entryPriceUsd: 100, stopDistanceUsd: 5 });
    expect(long).toMatchObject({ kind: 'place_bracket', orderSide: 'buy', stopLossUsd: 95, takeProfitUsd: 110, oneRUsd: 5, reason: 'initial_bracket' });
    const short = initialBracket({ symbol: 'AAPL', side: 'short', qty: 10, entryPriceUsd: 100, stopDistanceUsd: 5 }, { takeProfitR: 3 });
    expect(short).toMatchObject({ orderSide: 'sell', stopLossUsd: 105, takeProfitUsd: 85 });
  });

  it('keeps_the_bracket_levels_and_measures_r_from_the_fill', () => {
    const bracket = initialBracket({ symbol: 'AAPL', side: 'long', qty: 100, entryPriceUsd: 100, stopDistanceUsd: 5 });
    const p = entryPlanFromFill(bracket, { avgPriceUsd: 100.4, qty: 100, filledAt: NOW, assetClass: 'us_equity' });
    expect(p).toEqual(plan({ entryPriceUsd: 100.4 }));
  });

  it('holds_when_no_rule_fires', () => {
    expect(only(input())).toEqual([]);
  });

  it('exits_at_the_stop_and_at_the_target_when_no_broker_leg_fired', () => {
    expect(only(input({ quote: quote(94.9) }))[0]).toMatchObject({ kind: 'exit', reason: 'stop_loss', orderSide: 'sell', qty: 100 });
    expect(only(input({ quote: quote(110.2) }))[0]).toMatchObject({ kind: 'exit', reason: 'take_profit' });
    expect(only(input({ plan: plan({ currentStopUsd: 100 }), quote: quote(99.9) }))[0]).toMatchObject({ reason: 'trailing_stop' });
  });

  it('trails_the_stop_once_the_trade_is_up_one_r', () => {
    const actions = only(input({ bars: [bar(NOW + 10 * MIN, 106, 101, 105)], quote: quote(105.5) }));
    expect(actions).toEqual([expect.objectContaining({ kind: 'replace_stop', previousStopUsd: 95, newStopUsd: 101, reason: 'trailing_stop' })]);
    expect(actions[0]!.inputs).toMatchObject({ oneRUsd: 5, bestPriceUsd: 106, bestR: 1.2 });
  });

  it('does_not_trail_before_one_r_nor_from_bars_before_the_entry', () => {
    expect(only(input({ bars: [bar(NOW + 10 * MIN, 104.9, 101, 104)], quote: quote(104.5) }))).toEqual([]);
    expect(only(input({ bars: [bar(NOW - MIN, 109, 99, 100)], quote: quote(101) }))).toEqual([]);
  });

  it('never_loosens_a_stop_and_skips_moves_below_the_minimum_step', () => {
    const bars = [bar(NOW + 10 * MIN, 106, 101, 105)];
    expect(only(input({ plan: plan({ currentStopUsd: 102 }), bars, quote: quote(105.5) }))).toEqual([]);
    expect(only(input({ plan: plan({ currentStopUsd: 100.8 }), bars, quote: quote(105.5) }))).toEqual([]);
  });

  it('exits_when_the_price_already_fell_through_the_trail_level', () => {
    const actions = only(input({ bars: [bar(NOW + 10 * MIN, 108, 101, 107)], quote: quote(102.5) }));
    expect(actions).toEqual([expect.objectContaining({ kind: 'exit', reason: 'trailing_stop' })]);
  });

  it('trails_a_short_downwards', () => {
    const short = plan({ side: 'short', entryPriceUsd: 100, initialStopUsd: 105, currentStopUsd: 105, takeProfitUsd: 90 });
    const q: Quote = { t: NOW + 30 * MIN, bidPrice: 94.3, bidSize: 1, askPrice: 94.5, askSize: 1 };
    const actions = only(input({ plan: short, bars: [bar(NOW + 10 * MIN, 99, 94, 95)], quote: q }));
    expect(actions).toEqual([expect.objectContaining({ kind: 'replace_stop', previousStopUsd: 105, newStopUsd: 99 })]);
  });

  it('exits_after_the_time_budget', () => {
    expect(only(input({ now: NOW + 119 * MIN, quote: quote(101, NOW + 119 * MIN) }))).toEqual([]);
    expect(only(input({ now: NOW + 120 * MIN, quote: quote(101, NOW + 120 * MIN) }))[0]).toMatchObject({ reason: 'time_exit', inputs: { heldMinutes: 120 } });
  });

  it('flattens_before_the_close_including_early_closes', () => {
    const close = Date.parse('2026-11-23T21:00:00Z');
    const at = (now: number, p = plan({ enteredAt: close - 60 * MIN })) => only(input({ plan: p, now, quote: quote(101, now) }));
    expect(at(close - 11 * MIN)).toEqual([]);
    expect(at(close - 10 * MIN)[0]).toMatchObject({ reason: 'flatten_before_close', inputs: { regularCloseAt: close } });
    const blackFriday = Date.parse('2026-11-27T15:00:00Z');
    expect(flattenDeadline(blackFriday, 10)).toBe(Date.parse('2026-11-27T17:50:00Z'));
  });

  it('flattens_an_equity_position_held_past_its_session_at_the_first_chance', () => {
    const nextMorning = Date.parse('2026-11-24T14:35:00Z');
    const p = plan({ enteredAt: Date.parse('2026-11-23T20:00:00Z') });
    expect(only(input({ plan: p, now: nextMorning, quote: quote(101, nextMorning) }))[0]).toMatchObject({ reason: 'flatten_before_close' });
  });

  it('does_not_flatten_crypto_and_reads_the_injected_calendar', () => {
    const late = Date.parse('2026-11-23T20:55:00Z');
    const crypto = plan({ symbol: 'BTC/USD', assetClass: 'crypto', enteredAt: late - 30 * MIN });
    expect(only(input({ plan: crypto, now: late, quote: quote(101, late) }))).toEqual([]);
    const halfDay = (date: string) => ({ date, open: Date.parse(`${date}T14:30:00Z`), close: Date.parse(`${date}T17:00:00Z`), sessionOpen: 0, sessionClose: 0 });
    const noon = Date.parse('2026-11-23T16:55:00Z');
    expect(only(input({ calendar: halfDay, now: noon, quote: quote(101, noon) }))[0]).toMatchObject({ reason: 'flatten_before_close' });
  });

  it('exits_on_a_fresh_strong_opposite_signal_only', () => {
    expect(only(input({ signal: signal() }))[0]).toMatchObject({ reason: 'reversal_signal', inputs: { signalId: 'sig-9', score: 0.7 } });
    expect(only(input({ signal: signal({ score: 0.5 }) }))).toEqual([]);
    expect(only(input({ signal: signal({ direction: 'flat', score: 1 }) }))).toEqual([]);
    expect(only(input({ signal: signal({ at: NOW + 24 * MIN }) }))).toEqual([]);
    expect(only(input({ signal: signal({ at: NOW - MIN }), now: NOW + 2 * MIN }))).toEqual([]);
  });

  it('lets_the_stop_win_over_the_close_and_the_signal', () => {
    const late = Date.parse('2026-11-23T20:55:00Z');
    const actions = only(input({ plan: plan({ enteredAt: late - 30 * MIN }), now: late, quote: quote(94, late), signal: signal({ at: late - MIN }) }));
    expect(actions.map((a) => a.kind === 'exit' && a.reason)).toEqual(['stop_loss']);
  });

  it('never_loosens_the_stop_along_any_price_path', () => {
    const path = fc.array(fc.double({ min: -0.03, max: 0.03, noNaN: true }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(fc.constantFrom('long' as const, 'short' as const), path, (side, moves) => {
        const sign = side === 'long' ? 1 : -1;
        let p = plan({ side, initialStopUsd: 100 - sign * 5, currentStopUsd: 100 - sign * 5, takeProfitUsd: 100 + sign * 1_000 });
        let price = 100;
        const bars: Bar[] = [];
        for (let i = 0; i < moves.length; i++) {
          const t = NOW + (i + 1) * MIN;
          const next = price * (1 + moves[i]!);
          bars.push(bar(t, Math.max(price, next), Math.min(price, next), next));
          price = next;
          const actions = positionActions({ plan: p, bars, quote: { t, bidPrice: price, bidSize: 1, askPrice: price, askSize: 1 }, signal: null, now: t }, { ...DEFAULT_EXIT_RULES_CONFIG, maxHoldMinutes: 1_000 });
          expect(actions.length).toBeLessThanOrEqual(1);
          const action = actions[0];
          if (!action) continue;
          if (action.kind === 'exit') {
            expect(EXIT_REASONS).toContain(action.reason);
            expect(action.qty).toBe(p.qty);
            return;
          }
          if (action.kind !== 'replace_stop') throw new Error(`unexpected ${action.kind}`);
          expect(sign * (action.newStopUsd - p.currentStopUsd)).toBeGreaterThan(0);
          expect(sign * (price - action.newStopUsd)).toBeGreaterThan(0);
          p = { ...p, currentStopUsd: action.newStopUsd };
        }
      }),
      { numRuns: 300 },
    );
  });
});
