import { describe, expect, it } from 'vitest';
import type { Order, SubmitOutcome } from '../../../domain/orders.ts';
import { createFakeSimFeed, minuteBars } from './fake-sim-feed.ts';
import { harness, ny, request, TEST_ASSETS } from './sim-broker-fixture.ts';
import { resolveSimBrokerConfig } from './sim-broker-config.ts';
import { slippedPrice } from './fill-model.ts';

function accepted(outcome: SubmitOutcome): Order {
  if (outcome.status !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(outcome)}`);
  return outcome.order;
}

/** The harness with the spread paid (the fake feed quotes $0.02 around the last close), no slippage. */
const withSpread = (config = {}) => harness({ start: ny('10:00'), config: { crossSpread: true, ...config } });

describe('simulated fills pay the spread and slip with size and volatility', () => {
  it('market_buy_fills_at_the_ask_and_market_sell_at_the_bid_in_force_when_it_executes', async () => {
    const h = withSpread();
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100, [100, 100.2, 99.9, 100.1, 1e4]]));
    const buy = accepted(await h.broker.submitOrder(request({ qty: 10 })));
    h.clock.set(ny('10:01'));
    // The quote in force at 10:00 is 99.99 / 100.01 around the 9:59 close; the buy meets the ask, not the open.
    expect((await h.broker.getOrder(buy.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 100.01 });
    h.feed.addBars('AAPL', minuteBars(ny('10:01'), [[100.1, 100.3, 100, 100.2, 1e4]]));
    const sell = accepted(await h.broker.submitOrder(request({ side: 'sell', qty: 10 })));
    h.clock.set(ny('10:02'));
    expect((await h.broker.getOrder(sell.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 100.09 });
  });

  it('a_stop_gapped_through_fills_at_the_open_less_half_the_spread_not_at_the_stop', async () => {
    const h = withSpread();
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100, 100]));
    await h.broker.submitOrder(request({ qty: 10 }));
    h.clock.set(ny('10:01'));
    h.feed.addBars('AAPL', minuteBars(ny('10:01'), [[95, 95.5, 94, 95, 1e4]]));
    const stop = accepted(await h.broker.submitOrder(request({ side: 'sell', type: 'stop', stopPrice: 98, qty: 10 })));
    h.clock.set(ny('10:02'));
    // Gapped from 100 to 95: the stale quote says nothing of 95, so the sell pays half the quoted spread (1 bp) off the open.
    expect((await h.broker.getOrder(stop.id))!.filledAvgPrice).toBeCloseTo(95 * (1 - 0.01 / 100), 4);
  });

  it('slippage_grows_with_participation_and_with_the_bars_range', () => {
    const config = resolveSimBrokerConfig();
    const exec = { price: 100, cap: null, maker: false, crosses: true };
    const calm = { t: 0, o: 100, h: 100.1, l: 99.9, c: 100, v: 10_000 };
    const wild = { ...calm, h: 101, l: 99 };
    const small = slippedPrice(true, exec, 0.001, config, calm, 100.01);
    const large = slippedPrice(true, exec, 0.1, config, calm, 100.01);
    const volatile = slippedPrice(true, exec, 0.1, config, wild, 100.01);
    expect(small).toBeGreaterThan(100.01);
    expect(large).toBeGreaterThan(small);
    expect(volatile).toBeGreaterThan(large);
    // 1 bp + 50 bps x 10 % + 0.3 x 200 bps x sqrt(10 %) = 25.97 bps over the ask.
    expect(volatile).toBeCloseTo(100.01 * (1 + (1 + 5 + 0.3 * 200 * Math.sqrt(0.1)) / 10_000), 8);
    // A sell slips down from the bid by the same amount; a resting limit filled at its price does not slip.
    expect(slippedPrice(false, exec, 0.1, config, wild, 99.99)).toBeCloseTo(99.99 * (1 - (1 + 5 + 0.3 * 200 * Math.sqrt(0.1)) / 10_000), 8);
    expect(slippedPrice(true, { price: 99, cap: 99, maker: true, crosses: false }, 0.5, config, wild, 99)).toBe(99);
  });

  it('a_limit_buy_under_the_ask_is_not_marketable_and_rests_until_the_price_trades_through_it', async () => {
    const h = harness({ start: ny('10:00'), config: { crossSpread: true }, feed: createFakeSimFeed({ assets: TEST_ASSETS, spread: 0.04 }) });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100.01, [100.01, 100.2, 100.01, 100.1, 1e4], [100.1, 100.2, 99.99, 100, 1e4]]));
    // The 10:00 open is at the limit, but the ask it would meet (100.03) is over it, and the bar never trades under it.
    const limit = accepted(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 100.01 })));
    h.clock.set(ny('10:01'));
    expect((await h.broker.getOrder(limit.id))!.status).toBe('new');
    h.clock.set(ny('10:02'));
    expect((await h.broker.getOrder(limit.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 100.01, filledAt: ny('10:01') });
  });

  it('a_take_profit_limit_touched_but_not_traded_through_does_not_fill', async () => {
    const h = withSpread();
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100]));
    await h.broker.submitOrder(request({ qty: 10 }));
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [100, [100, 100.5, 99.9, 100.4, 1e4], [100.4, 100.6, 100.3, 100.5, 1e4]]));
    h.clock.set(ny('10:01'));
    const target = accepted(await h.broker.submitOrder(request({ side: 'sell', type: 'limit', limitPrice: 100.5, qty: 10 })));
    h.clock.set(ny('10:02'));
    // The 10:01 bar's high is the limit: a touch, with no knowledge of the queue ahead.
    expect((await h.broker.getOrder(target.id))!.status).toBe('new');
    h.clock.set(ny('10:03'));
    expect((await h.broker.getOrder(target.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 100.5, filledAt: ny('10:02') });
  });

  it('touch_fills_follow_the_stated_probability_from_a_seeded_draw', async () => {
    const run = async (seed: number) => {
      const h = harness({ start: ny('10:00'), config: { touchFillProbability: 0.5, fillSeed: seed } });
      h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100, [100, 100.5, 99.8, 100, 1e6]]));
      const ids: string[] = [];
      for (let i = 0; i < 200; i++) ids.push(accepted(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 99.8, qty: 1 }))).id);
      h.clock.set(ny('10:01'));
      const orders = await Promise.all(ids.map((id) => h.broker.getOrder(id)));
      return orders.map((o) => o!.status === 'filled');
    };
    const first = await run(7);
    const share = first.filter(Boolean).length / first.length;
    expect(share).toBeGreaterThan(0.38);
    expect(share).toBeLessThan(0.62);
    expect(await run(7)).toEqual(first);
  });
});

describe('simulated fees', () => {
  it('equity_sales_pay_the_sec_fee_and_finra_taf_buys_pay_nothing', async () => {
    const h = harness({ start: ny('10:00'), config: { regulatoryFees: true } });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100, 100, 100]));
    await h.broker.submitOrder(request({ qty: 1_000 }));
    h.clock.set(ny('10:01'));
    expect((await h.broker.getLedger()).feesPaid).toBe(0);
    await h.broker.submitOrder(request({ side: 'sell', qty: 1_000 }));
    h.clock.set(ny('10:02'));
    // $100,000 sold: SEC $2.78, TAF 1,000 x $0.000166 = $0.166 -> $0.17.
    expect((await h.broker.getLedger()).feesPaid).toBeCloseTo(2.78 + 0.17, 6);
  });
});

describe('simulated order latency', () => {
  it('an_order_works_from_the_minute_it_arrives_in_never_from_a_bar_that_opened_before_the_call', async () => {
    const h = harness({ start: ny('10:00'), config: { orderLatencyMs: 300, orderLatencyJitterMs: 200 } });
    h.feed.addBars('AAPL', minuteBars(ny('09:59'), [100, [100, 100.5, 99.5, 100, 1e4], [101, 101.5, 100.5, 101, 1e4], [102, 102.5, 101.5, 102, 1e4]]));
    // Sent at the minute: it arrives 300-500 ms later, inside the 10:00 bar, whose open stands for the price then.
    const onTime = accepted(await h.broker.submitOrder(request({ qty: 10 })));
    // Sent 0.4 s before 10:01: it arrives in the 10:01 minute and cannot take the 10:00 bar.
    h.clock.set(ny('10:01') - 400);
    const late = accepted(await h.broker.submitOrder(request({ qty: 10 })));
    h.clock.set(ny('10:03'));
    expect((await h.broker.getOrder(onTime.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 100, filledAt: ny('10:00') });
    expect((await h.broker.getOrder(late.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 101, filledAt: ny('10:01') });
    const slow = harness({ start: ny('10:00'), config: { orderLatencyMs: 90_000, orderLatencyJitterMs: 0 } });
    slow.feed.addBars('AAPL', minuteBars(ny('09:59'), [100, [100, 100.5, 99.5, 100, 1e4], [101, 101.5, 100.5, 101, 1e4], [102, 102.5, 101.5, 102, 1e4]]));
    const delayed = accepted(await slow.broker.submitOrder(request({ qty: 10 })));
    slow.clock.set(ny('10:03'));
    // 90 s late: it reaches the venue during the 10:01 minute.
    expect((await slow.broker.getOrder(delayed.id))!).toMatchObject({ status: 'filled', filledAvgPrice: 101, filledAt: ny('10:01') });
  });
});
