import { describe, expect, it } from 'vitest';
import { createSyntheticMarket } from '../../adapters/sim/market/synthetic-market.ts';
import { syntheticReplayFeed } from '../../adapters/replay/synthetic-replay-feed.ts';
import { steppingClock } from '../../adapters/clock/stepping-clock.ts';
import { addDays, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { memoryStores } from '../memory-stores.ts';
import { runBacktest } from '../backtest/run-backtest.ts';
import type { ScanInputs, SharedScanInputs } from '../../app/scan/scan-inputs.ts';

describe('scan inputs of trials that start on different sessions', () => {
  it('differ_at_the_same_instant_so_a_trial_shares_them_only_with_trials_of_its_own_window_start', async () => {
    const [first, second] = ['2026-11-16', '2026-11-17'];
    const market = createSyntheticMarket({ seed: 4, start: addDays(first, -70), symbols: 20, crypto: false, newsRate: 8 });
    const feed = syntheticReplayFeed(market, { from: first, to: second });
    const inputsAt = async (from: string) => {
      const seen = new Map<number, ScanInputs>();
      // Computes every scan's inputs itself, keeping the stock scans' by instant.
      const recorder: SharedScanInputs = async (now, m, compute) => {
        const answer = await compute();
        if (m === 'stocks') seen.set(now, answer);
        return answer;
      };
      const clock = steppingClock(newYorkTime(from, '00:00'));
      await runBacktest({ feed, from, to: second, env: { LOG_LEVEL: 'error', TRADING_MODE: 'backtest' }, clock, stores: memoryStores({ clock, retention: 'backtest' }), sharedScanInputs: recorder });
      return seen;
    };
    const fromFirst = await inputsAt(first);
    const fromSecond = await inputsAt(second);
    const both = [...fromSecond.keys()].filter((at) => fromFirst.get(at)?.inputs.length);
    expect(both.length).toBeGreaterThan(0);
    const ids = (x: ScanInputs) => x.inputs.map((i) => i.news.map((n) => n.itemId));
    // The same stories, but the later start has stored fewer items by then: other ids at every common instant.
    for (const at of both) {
      expect(fromSecond.get(at)!.inputs.map((i) => i.symbol)).toEqual(fromFirst.get(at)!.inputs.map((i) => i.symbol));
      expect(ids(fromSecond.get(at)!)).not.toEqual(ids(fromFirst.get(at)!));
    }
  }, 120_000);
});
