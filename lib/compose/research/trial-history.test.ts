import { describe, expect, it } from 'vitest';
import { addDays } from '../../domain/calendar/new-york-time.ts';
import { defaultPoint, PARAMETER_SPACE } from '../../config/parameter-space.ts';
import { randomPoints } from '../../domain/research/parameter-sampling.ts';
import { createRandom } from '../../shared/random.ts';
import { createSyntheticMarket } from '../../adapters/sim/market/synthetic-market.ts';
import { syntheticReplayFeed } from '../../adapters/replay/synthetic-replay-feed.ts';
import type { TrialRequest } from '../../ports/trial-invoker.port.ts';
import { createTrialRunner, trialRunnerOver, type BacktestTrialOptions } from './backtest-trial.ts';
import { trialHistorySource } from './trial-history.ts';

const study = { from: '2026-11-16', to: '2026-11-20' } as const;
const options: BacktestTrialOptions = { history: { kind: 'synthetic', seed: 4, symbols: 20, newsRate: 8 }, env: { LOG_LEVEL: 'error' }, ...study };

// A trial is the backtest of its window: the reference feed is the whole-window feed `npm run backtest` builds for it (from ITS start).
const ownWindowFeed = () => {
  const h = options.history as { seed: number; symbols: number; newsRate: number };
  const market = createSyntheticMarket({ seed: h.seed, start: addDays(study.from, -70), symbols: h.symbols, crypto: false, newsRate: h.newsRate });
  return { open: async (w: { from: string; to: string }) => syntheticReplayFeed(market, w) };
};

// Overlapping windows, one at the study's start and two later: the later ones find sessions the first loaded, and a
// fourth replays the first with the memos warm.
const requests = (): TrialRequest[] => {
  const [a, b] = [defaultPoint(), randomPoints(PARAMETER_SPACE, 1, createRandom(3))[0]!];
  return [
    { key: 'a', point: a, window: { from: '2026-11-16', to: '2026-11-18' } },
    { key: 'b', point: b, window: { from: '2026-11-17', to: '2026-11-19' } },
    { key: 'c', point: a, window: { from: '2026-11-18', to: '2026-11-20' } },
    { key: 'a2', point: a, window: { from: '2026-11-16', to: '2026-11-18' } },
  ];
};

describe('trials streaming the study a session at a time', () => {
  it('give_the_same_results_as_backtests_over_each_trials_own_window_feed_with_the_memos_cold_and_warm', async () => {
    const whole = trialRunnerOver(options, ownWindowFeed());
    const expected = [];
    for (const r of requests()) expected.push(await whole.run(r));
    const runner = await createTrialRunner(options);
    const streamed = [];
    for (const r of requests()) streamed.push(await runner.run(r));
    expect(streamed).toEqual(expected);
    expect(streamed[3]).toEqual(streamed[0]);
    expect(expected.some((r) => r.trades.length > 0)).toBe(true);
  }, 300_000);

  it('answer_a_rungs_sessions_from_the_memo_when_its_next_trial_reads_them_and_hold_no_more_than_its_bound', async () => {
    const history = trialHistorySource({ ...options, cacheSessions: 4 });
    const runner = trialRunnerOver(options, history);
    const [first, second] = requests();
    const cold = await runner.run(first!);
    const coldStats = history.stats();
    const warm = await runner.run(first!);
    expect(warm).toEqual(cold);
    // Four sessions read each time (the warm-up day and three): all missed, then all found.
    expect(coldStats).toEqual({ sessions: 4, hits: 0, misses: 4 });
    expect(history.stats()).toEqual({ sessions: 4, hits: 4, misses: 4 });
    // A later window: its first session (news from 3 days before its start) is its own; its next two were held.
    await runner.run(second!);
    expect(history.stats()).toEqual({ sessions: 4, hits: 6, misses: 6 });
  }, 300_000);

  it('drop_the_least_recently_used_session_when_the_memo_is_full', async () => {
    const history = trialHistorySource({ ...options, cacheSessions: 2 });
    const runner = trialRunnerOver(options, history);
    const [first] = requests();
    const cold = await runner.run(first!);
    // A scan of four sessions through a memo of two keeps the last two, so the next scan from the start finds none.
    expect(await runner.run(first!)).toEqual(cold);
    expect(history.stats()).toEqual({ sessions: 2, hits: 0, misses: 8 });
  }, 300_000);
});
