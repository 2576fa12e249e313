import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';
import type { RiskDecision } from './decisions.ts';
import type { RiskContext, SymbolMarket } from './risk-context.ts';
import { sessionInfoAt } from './risk-context.ts';
import { DEFAULT_RISK_CONFIG } from './risk-config.ts';
import { account, context, entry, equityAsset, marketAt, NOW, position, quoteAt } from './risk-fixtures.test-support.ts';

const reasonOf = (d: RiskDecision | undefined) => (d && !d.approved ? d.reason : 'approved');
const withMarket = (ctx: RiskContext, symbol: string, market: Partial<SymbolMarket>): RiskContext => ({
  ...ctx,
  markets: { ...ctx.markets, [symbol]: { ...ctx.markets[symbol]!, ...market } },
});

describe('evaluate: session, symbol and market gates', () => {
  it('denies_equity_entries_outside_the_regular_session_but_not_crypto', () => {
    const premarket = context({ now: Date.parse('2026-11-23T13:00:00Z') });
    const [stock, coin] = evaluate([entry('AAPL'), entry('BTC/USD', { atrUsd: 600 })], premarket);
    expect(reasonOf(stock)).toBe('outside_regular_session');
    expect(reasonOf(coin)).toBe('approved');
  });

  it('lets_a_crypto_entry_through_on_a_saturday_night_but_still_applies_every_other_limit', () => {
    const saturday = context({ now: Date.parse('2026-11-21T08:00:00Z') });
    expect(saturday.session).toEqual({ phase: 'closed', regularCloseAt: null, regularOpenAt: null });
    const [stock, coin] = evaluate([entry('AAPL'), entry('BTC/USD', { atrUsd: 600 })], saturday);
    expect(reasonOf(stock)).toBe('outside_regular_session');
    expect(reasonOf(coin)).toBe('approved');
    expect(reasonOf(evaluate([entry('BTC/USD', { atrUsd: 600 })], withMarket(saturday, 'BTC/USD', { avgDailyDollarVolumeUsd: 0 }))[0])).toBe('insufficient_liquidity');
    expect(reasonOf(evaluate([entry('BTC/USD', { atrUsd: 600 })], withMarket(saturday, 'BTC/USD', { halted: true }))[0])).toBe('symbol_halted');
  });

  it('denies_equity_entries_in_the_last_minutes_before_an_early_close', () => {
    // The day after Thanksgiving closes at 13:00 New York; 12:50 is inside the last 15 minutes.
    const now = Date.parse('2026-11-27T17:50:00Z');
    const ctx = context({ now });
    expect(ctx.session).toEqual(sessionInfoAt(now));
    const d = evaluate([entry('AAPL')], ctx)[0]!;
    expect(reasonOf(d)).toBe('too_close_to_close');
    expect(!d.approved && d.inputs).toMatchObject({ minutesToClose: 10, noEntryBeforeCloseMinutes: 15 });
    expect(reasonOf(evaluate([entry('AAPL')], context({ now: now - 30 * 60_000 }))[0])).toBe('approved');
  });

  it('denies_entry_while_the_symbol_is_halted', () => {
    expect(reasonOf(evaluate([entry('AAPL')], withMarket(context(), 'AAPL', { halted: true }))[0])).toBe('symbol_halted');
  });

  it('denies_entry_during_the_cooldown_after_an_exit', () => {
    const recent = context({ recentExits: [{ symbol: 'AAPL', exitedAt: NOW - 10 * 60_000 }] });
    expect(reasonOf(evaluate([entry('AAPL')], recent)[0])).toBe('symbol_cooldown');
    const cooled = context({ recentExits: [{ symbol: 'AAPL', exitedAt: NOW - 30 * 60_000 }] });
    expect(reasonOf(evaluate([entry('AAPL')], cooled)[0])).toBe('approved');
  });

  it('denies_the_second_trade_on_the_same_news_story', () => {
    const story = { newsId: 'story-1' };
    const [first, second] = evaluate([entry('AAPL', story), entry('MSFT', story)], context());
    expect([reasonOf(first), reasonOf(second)]).toEqual(['approved', 'news_trade_limit_reached']);
    expect(reasonOf(evaluate([entry('AAPL', story)], context({ entriesPerNews: { 'story-1': 1 } }))[0])).toBe('news_trade_limit_reached');
    expect(reasonOf(evaluate([entry('AAPL', { newsId: null })], context())[0])).toBe('approved');
  });

  it('allows_one_position_per_symbol', () => {
    expect(reasonOf(evaluate([entry('AAPL')], context({ positions: [position('AAPL', 10, 100)] }))[0])).toBe('position_already_open');
    const openOrders = [{ clientOrderId: 'c1-a', symbol: 'AAPL', side: 'buy' as const, purpose: 'entry' as const, remainingQty: 10, priceUsd: 100 }];
    expect(reasonOf(evaluate([entry('AAPL')], context({ openOrders }))[0])).toBe('entry_order_pending');
    const [, again] = evaluate([entry('AAPL'), entry('AAPL', { intentId: 'in-2', newsId: 'other' })], context());
    expect(reasonOf(again)).toBe('duplicate_entry_in_batch');
  });

  it('denies_unknown_inactive_and_untradable_assets', () => {
    expect(reasonOf(evaluate([entry('ZZZZ')], context())[0])).toBe('asset_unknown');
    const ctx = context();
    const assets = { ...ctx.assets, AAPL: equityAsset('AAPL', { tradable: false }) };
    expect(reasonOf(evaluate([entry('AAPL')], { ...ctx, assets })[0])).toBe('asset_not_tradable');
    expect(reasonOf(evaluate([entry('AAPL')], context({ account: account({ tradingBlocked: true }) }))[0])).toBe('account_blocked');
  });

  it('denies_penny_stocks_wide_spreads_and_illiquid_symbols', () => {
    const ctx = context();
    const penny = { ...ctx, assets: { ...ctx.assets, PENY: equityAsset('PENY') }, markets: { ...ctx.markets, PENY: marketAt(3) } };
    expect(reasonOf(evaluate([entry('PENY', { atrUsd: 0.1 })], penny)[0])).toBe('price_below_minimum');
    const wide = withMarket(ctx, 'AAPL', { quote: quoteAt(100, { bidPrice: 99, askPrice: 101 }) });
    expect(reasonOf(evaluate([entry('AAPL')], wide)[0])).toBe('spread_too_wide');
    expect(reasonOf(evaluate([entry('AAPL')], withMarket(ctx, 'AAPL', { avgDailyDollarVolumeUsd: 1_000_000 }))[0])).toBe('insufficient_liquidity');
  });

  it('caps_an_order_at_its_share_of_average_volume', () => {
    const thin = withMarket(context(), 'AAPL', { avgDailyVolume: 6_000 });
    expect(evaluate([entry('AAPL')], thin)[0]).toMatchObject({ approved: true, qty: 60, sizedBy: 'volume_share' });
  });

  it('denies_missing_stale_or_crossed_quotes', () => {
    const ctx = context();
    expect(reasonOf(evaluate([entry('AAPL')], withMarket(ctx, 'AAPL', { quote: null }))[0])).toBe('quote_missing');
    expect(reasonOf(evaluate([entry('AAPL')], withMarket(ctx, 'AAPL', { quote: quoteAt(100, { t: NOW - 120_000 }) }))[0])).toBe('quote_stale');
    expect(reasonOf(evaluate([entry('AAPL')], withMarket(ctx, 'AAPL', { quote: quoteAt(100, { bidPrice: 100.5, askPrice: 100 }) }))[0])).toBe('quote_invalid');
    const { AAPL: _dropped, ...rest } = ctx.markets;
    expect(reasonOf(evaluate([entry('AAPL')], { ...ctx, markets: rest })[0])).toBe('market_data_missing');
  });

  it('approves_an_easy_to_borrow_short_with_the_stop_above_and_alpaca_buying_power', () => {
    const d = evaluate([entry('AAPL', { side: 'short' })], context())[0]!;
    expect(d).toMatchObject({ approved: true, orderSide: 'sell', entryPriceUsd: 99.99, qty: 100 });
    if (!d.approved || d.kind !== 'entry') throw new Error('expected an approved entry');
    expect(d.stopPriceUsd).toBeCloseTo(104.99, 10);
    expect(d.buyingPowerUsd).toBeCloseTo(100 * 100.01 * 1.03, 6);
  });

  it('denies_shorts_that_are_hard_to_borrow_not_shortable_or_disabled', () => {
    const ctx = context();
    const short = entry('AAPL', { side: 'short' });
    const withAsset = (over: Parameters<typeof equityAsset>[1]) => ({ ...ctx, assets: { ...ctx.assets, AAPL: equityAsset('AAPL', over) } });
    expect(reasonOf(evaluate([short], withAsset({ easyToBorrow: false }))[0])).toBe('hard_to_borrow');
    expect(reasonOf(evaluate([short], withAsset({ shortable: false }))[0])).toBe('not_shortable');
    expect(reasonOf(evaluate([entry('BTC/USD', { side: 'short', atrUsd: 600 })], ctx)[0])).toBe('not_shortable');
    expect(reasonOf(evaluate([short], ctx, { ...DEFAULT_RISK_CONFIG, allowShorts: false })[0])).toBe('shorting_disabled');
    expect(reasonOf(evaluate([short], context({ account: account({ shortingEnabled: false }) }))[0])).toBe('shorting_disabled');
  });
});
