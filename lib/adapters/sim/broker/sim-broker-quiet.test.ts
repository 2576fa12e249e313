import { describe, expect, it } from 'vitest';
import { createFakeSimFeed, minuteBars } from './fake-sim-feed.ts';
import { harness, ny, request, TEST_ASSETS } from './sim-broker-fixture.ts';

/** A broker whose feed counts the bar spans it is asked for, after a round trip in AAPL that leaves cash changed and nothing held. */
async function afterRoundTrip(keepWorking: boolean) {
  const inner = createFakeSimFeed({ assets: TEST_ASSETS });
  let reads = 0;
  const feed = { ...inner, barsBetween: (from: number, to: number) => (reads++, inner.barsBetween(from, to)) };
  const h = harness({ start: ny('15:55'), feed });
  h.feed.addBars('AAPL', minuteBars(ny('15:55'), [100, 100, 101, 102, 102]));
  h.feed.addBars('AAPL', minuteBars(ny('09:30', '2026-03-11'), [104, 105]));
  await h.broker.submitOrder(request({ qty: 10 }));
  h.clock.set(ny('15:57'));
  await h.broker.closePosition('AAPL');
  h.clock.set(ny('15:59'));
  if (keepWorking) expect(await h.broker.submitOrder(request({ type: 'limit', limitPrice: 50, timeInForce: 'gtc', qty: 1 }))).toMatchObject({ status: 'accepted' });
  const { cash } = await h.broker.getLedger();
  expect(await h.broker.getPositions()).toEqual([]);
  return { h, cash, reads: () => reads };
}

describe('simulated broker: an account with nothing working and nothing held', () => {
  it('reads_no_bars_yet_takes_the_close_snapshot_as_an_account_with_an_order_working_does', async () => {
    const quiet = await afterRoundTrip(false);
    const busy = await afterRoundTrip(true);
    const quietReadsBefore = quiet.reads();
    const busyReadsBefore = busy.reads();
    for (const { h } of [quiet, busy]) h.clock.set(ny('09:32', '2026-03-11'));
    const [a, b] = [await quiet.h.broker.getAccount(), await busy.h.broker.getAccount()];
    expect(quiet.cash).not.toBe(100_000);
    expect(a.lastEquity).toBe(quiet.cash);
    expect(b.lastEquity).toBe(a.lastEquity);
    expect(b.equity).toBe(a.equity);
    expect(quiet.reads()).toBe(quietReadsBefore);
    expect(busy.reads()).toBeGreaterThan(busyReadsBefore);
  });
});
