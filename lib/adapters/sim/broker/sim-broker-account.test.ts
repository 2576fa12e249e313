import { describe, expect, it } from 'vitest';
import { minuteBars } from './fake-sim-feed.ts';
import { harness, ny, request } from './sim-broker-fixture.ts';

describe('simulated broker: fill prices, fees, positions and the account', () => {
  it('slippage_and_volume_impact_move_the_price_against_the_trader_but_never_past_a_limit', async () => {
    const h = harness({ start: ny('10:00'), config: { slippageBps: 10, volumeImpactBps: 100, maxParticipation: 0.25 } });
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [[50, 50.5, 49.5, 50, 1000], [52, 52, 51, 51.5, 1000]]));
    const buy = await h.broker.submitOrder(request({ qty: 100 }));
    const capped = await h.broker.submitOrder(request({ type: 'limit', limitPrice: 50.05, qty: 10 }));
    h.clock.set(ny('10:01'));
    // 10 bp + 100 bp × (100 / 1000 of the bar) = 20 bp over the 50 open.
    expect((await h.broker.getOrder(buy.status === 'accepted' ? buy.order.id : ''))!.filledAvgPrice).toBeCloseTo(50.1, 10);
    expect((await h.broker.getOrder(capped.status === 'accepted' ? capped.order.id : ''))!.filledAvgPrice).toBe(50.05);
    const sell = await h.broker.submitOrder(request({ side: 'sell', qty: 100 }));
    h.clock.set(ny('10:02'));
    expect((await h.broker.getOrder(sell.status === 'accepted' ? sell.order.id : ''))!.filledAvgPrice).toBeCloseTo(52 * (1 - 0.002), 10);
  });

  it('fills_large_orders_partially_at_the_max_participation_of_each_bar', async () => {
    const h = harness({ start: ny('10:00'), config: { maxParticipation: 0.25 } });
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [[50, 50, 50, 50, 1000], [51, 51, 51, 51, 1000], [52, 52, 52, 52, 1000]]));
    const o = await h.broker.submitOrder(request({ qty: 600 }));
    const id = o.status === 'accepted' ? o.order.id : '';
    h.clock.set(ny('10:01'));
    expect((await h.broker.getOrder(id))!).toMatchObject({ status: 'partially_filled', filledQty: 250, filledAvgPrice: 50 });
    h.clock.set(ny('10:03'));
    const done = (await h.broker.getOrder(id))!;
    expect(done).toMatchObject({ status: 'filled', filledQty: 600, filledAt: ny('10:02') });
    expect(done.filledAvgPrice).toBeCloseTo((250 * 50 + 250 * 51 + 100 * 52) / 600, 10);
    const { fills } = await h.broker.getFills({});
    expect(fills.map((f) => [f.qty, f.price, f.cumQty, f.leavesQty, f.kind])).toEqual([
      [250, 50, 250, 350, 'partial_fill'],
      [250, 51, 500, 100, 'partial_fill'],
      [100, 52, 600, 0, 'fill'],
    ]);
  });

  it('charges_per_share_and_bps_fees_on_equities_and_maker_or_taker_fees_on_crypto', async () => {
    const h = harness({ start: ny('10:00'), config: { feePerShare: 0.005, feeBps: 1, cryptoTakerFeeBps: 25, cryptoMakerFeeBps: 15 } });
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [[50, 50, 50, 50, 1e4]]));
    h.feed.addBars('BTC/USD', minuteBars(ny('10:00'), [[60_000, 60_000, 60_000, 60_000, 10], [60_100, 60_200, 59_500, 60_000, 10]]));
    await h.broker.submitOrder(request({ qty: 100 }));
    await h.broker.submitOrder(request({ symbol: 'BTC/USD', qty: 0.1, timeInForce: 'gtc' }));
    await h.broker.submitOrder(request({ symbol: 'BTC/USD', qty: 0.1, timeInForce: 'gtc', type: 'limit', limitPrice: 59_800 }));
    h.clock.set(ny('10:02'));
    const fees = (await h.broker.getFills({})).fills.map((f) => f.fee);
    expect(fees[0]).toBeCloseTo(100 * 0.005 + (100 * 50 * 1) / 10_000, 10);
    expect(fees[1]).toBeCloseTo((0.1 * 60_000 * 25) / 10_000, 10);
    expect(fees[2]).toBeCloseTo((0.1 * 59_800 * 15) / 10_000, 10);
    const ledger = await h.broker.getLedger();
    expect(ledger.feesPaid).toBeCloseTo(fees[0]! + fees[1]! + fees[2]!, 6);
    expect(ledger.cash).toBeCloseTo(100_000 - 5000 - 6000 - 5980 - ledger.feesPaid, 6);
  });

  it('keeps_the_average_entry_price_realizes_pl_on_reductions_and_flips_to_a_short', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [100, 110, 120, 100]));
    await h.broker.submitOrder(request({ qty: 10 }));
    h.clock.set(ny('10:01'));
    await h.broker.submitOrder(request({ qty: 10 }));
    h.clock.set(ny('10:02'));
    expect((await h.broker.getPositions())[0]).toMatchObject({ qty: 20, avgEntryPrice: 105, side: 'long' });
    await h.broker.submitOrder(request({ side: 'sell', qty: 5 }));
    h.clock.set(ny('10:03'));
    expect((await h.broker.getPositions())[0]).toMatchObject({ qty: 15, avgEntryPrice: 105 });
    expect((await h.broker.getLedger()).realizedPl).toBe(75);
    // Alpaca refuses a sell that would cross from long to short: close first, then short.
    expect(await h.broker.submitOrder(request({ side: 'sell', qty: 25 }))).toMatchObject({ status: 'rejected', reason: 'insufficient_qty' });
    await h.broker.closePosition('AAPL');
    h.clock.set(ny('10:04'));
    expect(await h.broker.getPositions()).toEqual([]);
    expect((await h.broker.getLedger()).realizedPl).toBe(75 - 75);
    await h.broker.submitOrder(request({ side: 'sell', qty: 10 }));
    h.feed.addBars('AAPL', minuteBars(ny('10:04'), [100, 98]));
    h.clock.set(ny('10:06'));
    const [short] = await h.broker.getPositions();
    expect(short).toMatchObject({ side: 'short', qty: 10, avgEntryPrice: 100, marketValue: -980, unrealizedPl: 20 });
    const account = await h.broker.getAccount();
    expect(account).toMatchObject({ shortMarketValue: -980, longMarketValue: 0 });
    expect(account.equity).toBeCloseTo(account.cash - 980, 6);
  });

  it('reports_last_equity_from_the_previous_close_and_intraday_pl_from_the_last_day_price', async () => {
    const h = harness({ start: ny('15:58') });
    h.feed.addBars('AAPL', minuteBars(ny('15:57'), [100, 100, 102]));
    await h.broker.submitOrder(request({ qty: 10 }));
    h.feed.addBars('AAPL', minuteBars(ny('09:30', '2026-03-11'), [104, 105]));
    h.clock.set(ny('09:32', '2026-03-11'));
    const account = await h.broker.getAccount();
    expect(account.lastEquity).toBeCloseTo(100_000 - 1000 + 10 * 102, 6);
    expect(account.equity).toBeCloseTo(100_000 - 1000 + 10 * 105, 6);
    expect((await h.broker.getPositions())[0]).toMatchObject({ lastdayPrice: 102, currentPrice: 105, unrealizedPl: 50, unrealizedIntradayPl: 30 });
  });

  it('pages_fill_activities_by_page_token_in_both_directions', async () => {
    const h = harness({ start: ny('10:00') });
    h.feed.addBars('AAPL', minuteBars(ny('10:00'), [100, 101, 102, 103, 104]));
    for (let i = 0; i < 5; i++) {
      await h.broker.submitOrder(request({ qty: 1 }));
      h.wait(1);
    }
    h.wait(1);
    const first = await h.broker.getFills({ pageSize: 2 });
    const second = await h.broker.getFills({ pageSize: 2, pageToken: first.nextPageToken! });
    const third = await h.broker.getFills({ pageSize: 2, pageToken: second.nextPageToken! });
    expect([...first.fills, ...second.fills, ...third.fills].map((f) => f.price)).toEqual([100, 101, 102, 103, 104]);
    expect(third.nextPageToken).toBeNull();
    const newest = await h.broker.getFills({ pageSize: 3, direction: 'desc' });
    expect(newest.fills.map((f) => f.price)).toEqual([104, 103, 102]);
    const older = await h.broker.getFills({ pageSize: 3, direction: 'desc', pageToken: newest.nextPageToken! });
    expect(older).toMatchObject({ nextPageToken: null });
    expect(older.fills.map((f) => f.price)).toEqual([101, 100]);
    expect(first.fills[0]!.id).toMatch(/^20260310140000000::[0-9a-f-]{36}$/);
  });
});
