import { afterAll, describe, expect, it } from 'vitest';
import { createTestDb, runtimeEnvFor, type TestDb } from './support/db.ts';
import { addDays, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { PgHistoryRepo } from '../lib/adapters/replay/history.repo.ts';
import { loadReplayFeed } from '../lib/adapters/replay/load-replay-feed.ts';
import { recordSyntheticHistory } from '../lib/adapters/replay/synthetic-history.ts';
import { defaultPoint, PARAMETER_SPACE } from '../lib/config/parameter-space.ts';
import { randomPoints } from '../lib/domain/research/parameter-sampling.ts';
import { createRandom } from '../lib/shared/random.ts';
import { createTrialRunner, trialRunnerOver, type BacktestTrialOptions } from '../lib/compose/research/backtest-trial.ts';

const study = { from: '2026-11-16', to: '2026-11-19' } as const;

/**
 * Trials of a study of stored history: streamed from Postgres a session at a time through the worker's memos,
 * each gives what the backtest of its own window, loaded whole, gives.
 */
describe('trials of stored history streamed from postgres', () => {
  const dbs: TestDb[] = [];
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  it('give_the_same_results_as_backtests_over_each_trials_own_window_loaded_at_once_with_the_memos_cold_and_warm', async () => {
    const db = await createTestDb();
    dbs.push(db);
    const repo = new PgHistoryRepo(db.pool);
    const market = createSyntheticMarket({ seed: 4, start: addDays(study.from, -70), symbols: 20, crypto: false, newsRate: 8 });
    const { assets } = await recordSyntheticHistory(repo, market, study);
    const options: BacktestTrialOptions = { history: { kind: 'stored', url: runtimeEnvFor(db).DATABASE_URL! }, env: { LOG_LEVEL: 'error' }, ...study, assets: [...assets] };
    // A trial is the backtest of its window: the reference loads the whole window `npm run backtest` would for it (from ITS start).
    const ownWindow = (w: { from: string; to: string }) => loadReplayFeed(repo, { from: newYorkTime(addDays(w.from, -70), '00:00'), to: newYorkTime(addDays(w.to, 1), '00:00'), assets });
    const [a, b] = [defaultPoint(), randomPoints(PARAMETER_SPACE, 1, createRandom(3))[0]!];
    // Overlapping windows, the second starting later: it reads again sessions the first loaded; the third repeats the first, memos warm.
    const requests = [
      { key: 'a', point: a, window: { from: '2026-11-16', to: '2026-11-18' } },
      { key: 'b', point: b, window: { from: '2026-11-17', to: '2026-11-19' } },
      { key: 'a2', point: a, window: { from: '2026-11-16', to: '2026-11-18' } },
    ];
    const expected = [];
    const reference = trialRunnerOver(options, { open: ownWindow });
    for (const r of requests) expected.push(await reference.run(r));
    const runner = await createTrialRunner(options);
    const streamed = [];
    try {
      for (const r of requests) streamed.push(await runner.run(r));
    } finally {
      await runner.close?.();
    }
    expect(streamed).toEqual(expected);
    expect(expected[2]).toEqual(expected[0]);
    expect(expected.some((r) => r.trades.length > 0)).toBe(true);
  }, 600_000);
});
