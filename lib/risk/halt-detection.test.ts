import { describe, expect, it } from 'vitest';
import { haltedBecause } from './halt-detection.ts';
import { evaluate } from './evaluate.ts';
import { context, entry, equityAsset, marketAt, NOW } from './risk-fixtures.test-support.ts';
import { sessionInfoAt } from './risk-context.ts';

const session = sessionInfoAt(NOW); // Monday 10:00 New York
const minutes = (n: number) => n * 60_000;

describe('haltedBecause', () => {
  it('calls_a_liquid_equity_without_a_trade_for_ten_minutes_of_the_open_session_halted', () => {
    const why = haltedBecause({ asset: equityAsset('AAPL'), lastTradeAt: NOW - minutes(12), now: NOW, session, noTradeMinutes: 10, tradesAreLive: true });
    expect(why).toBe('no trade for 12 minutes while the market is open (a trading halt or LULD pause)');
  });

  it('does_not_call_a_symbol_halted_that_traded_recently_or_right_after_the_open_or_outside_the_session', () => {
    expect(haltedBecause({ asset: equityAsset('AAPL'), lastTradeAt: NOW - minutes(2), now: NOW, session, noTradeMinutes: 10, tradesAreLive: true })).toBeNull();
    const justOpened = sessionInfoAt(Date.parse('2026-11-23T14:35:00Z'));
    expect(haltedBecause({ asset: equityAsset('AAPL'), lastTradeAt: Date.parse('2026-11-23T14:00:00Z'), now: Date.parse('2026-11-23T14:35:00Z'), session: justOpened, noTradeMinutes: 10, tradesAreLive: true })).toBeNull();
    const evening = Date.parse('2026-11-23T23:00:00Z');
    expect(haltedBecause({ asset: equityAsset('AAPL'), lastTradeAt: evening - minutes(60), now: evening, session: sessionInfoAt(evening), noTradeMinutes: 10, tradesAreLive: true })).toBeNull();
  });

  it('calls_an_asset_alpaca_lists_as_not_tradable_halted_and_leaves_crypto_to_its_own_rules', () => {
    expect(haltedBecause({ asset: equityAsset('AAPL', { tradable: false }), lastTradeAt: NOW, now: NOW, session, noTradeMinutes: 10, tradesAreLive: true })).toBe('Alpaca lists it as not tradable (halted or suspended)');
    expect(haltedBecause({ asset: equityAsset('BTC/USD', { assetClass: 'crypto' }), lastTradeAt: NOW - minutes(60), now: NOW, session, noTradeMinutes: 10, tradesAreLive: true })).toBeNull();
  });

  it('says_nothing_from_silence_when_no_equity_prints_at_all_as_in_a_replay_of_daily_bars', () => {
    expect(haltedBecause({ asset: equityAsset('AAPL'), lastTradeAt: NOW - minutes(60 * 18), now: NOW, session, noTradeMinutes: 10, tradesAreLive: false })).toBeNull();
  });

  it('counts_a_symbol_with_no_trade_at_all_today_as_halted', () => {
    expect(haltedBecause({ asset: equityAsset('AAPL'), lastTradeAt: null, now: NOW, session, noTradeMinutes: 10, tradesAreLive: true })).toBe('no trade reported while the market is open (a trading halt or LULD pause)');
  });
});

describe('the gate on a halted symbol', () => {
  it('denies_the_entry_naming_why_the_symbol_counts_as_halted', () => {
    const ctx = context();
    const markets = { ...ctx.markets, AAPL: marketAt(100, { halted: true, haltReason: 'no trade for 12 minutes while the market is open (a trading halt or LULD pause)' }) };
    const [d] = evaluate([entry('AAPL')], { ...ctx, markets });
    expect(d).toMatchObject({ approved: false, reason: 'symbol_halted', message: 'AAPL is halted: no trade for 12 minutes while the market is open (a trading halt or LULD pause).' });
  });
});
