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

// The worker's history before streaming: the whole study window built once as one in-memory feed.
const wholeWindowFeed = () => {
  const h = options.history as { seed: number; symbols: number; newsRate: number };
  const market = createSyntheticMarket({ seed: h.seed, start: addDays(study.from, -70), symbols: h.symbols, crypto: false, newsRate: h.newsRate });
  const feed = syntheticReplayFeed(market, study);
  return { open: async () => feed };
};

// Overlapping windows, a later start last: the second and third trials find sessions the first loaded.
const requests = (): TrialRequest[] => {
  const [a, b] = [defaultPoint(), randomPoints(PARAMETER_SPACE, 1, createRandom(3))[0]!];
  return [
    { key: 'a', point: a, window: { from: '2026-11-16', to: '2026-11-18' } },
    { key: 'b', point: b, window: { from: '2026-11-17', to: '2026-11-19' } },
    { key: 'c', point: a, window: { from: '2026-11-18', to: '2026-11-20' } },
  ];
};

describe('trials streaming the study a session at a time', () => {
  it('give_the_same_results_as_trials_over_the_whole_window_feed_with_the_cache_cold_and_warm', async () => {
    const whole = trialRunnerOver(options, wholeWindowFeed());
    const expected = [];
    for (const r of requests()) expected.push(await whole.run(r));
    const runner = await createTrialRunner(options);
    const streamed = [];
    for (const r of requests()) streamed.push(await runner.run(r));
    expect(streamed).toEqual(expected);
    expect(expected.some((r) => r.trades.length > 0)).toBe(true);
  }, 300_000);

  it('answer_the_first_sessions_from_the_cache_when_a_trial_reads_them_again_and_hold_no_more_than_its_bound', async () => {
    const history = trialHistorySource({ ...options, cacheSessions: 2 });
    const runner = trialRunnerOver(options, history);
    const [first] = requests();
    const cold = await runner.run(first!);
    const coldStats = history.stats();
    const warm = await runner.run(first!);
    expect(warm).toEqual(cold);
    // Four sessions read each time (the warm-up day and three), the first two of them held.
    expect(coldStats).toEqual({ sessions: 2, hits: 0, misses: 4 });
    expect(history.stats()).toEqual({ sessions: 2, hits: 2, misses: 6 });
  }, 300_000);
});
