import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { calendarBetween } from '../../domain/calendar/nyse-calendar.ts';
import { PgHistoryRepo } from './history.repo.ts';
import { importHistoryFile } from './import-files.ts';
import { loadReplayFeed } from './load-replay-feed.ts';
import type { ReplayFeed } from './replay-feed.ts';
import { openStreamingFeed, type StreamingReplayFeed } from './streaming-feed.ts';
import { pgSessionSource } from './pg-session-source.ts';
import { HAS_SHARED_DATA, sharedFile } from './shared-data.test-support.ts';
import { answersAt, instantsOf } from './streaming-feed.test-support.ts';

/** Real minutes with their gaps and extended hours: AAPL with daily bars as context, MSFT minutes only. */
describe.skipIf(!HAS_SHARED_DATA)('a streamed replay of ../shared/data (AAPL and MSFT minutes, AAPL daily bars)', () => {
  let db: TestDb;
  let whole: ReplayFeed;
  let streamed: StreamingReplayFeed;
  const window = { from: Date.parse('2021-07-01T04:00:00Z'), to: Date.parse('2021-08-28T04:00:00Z') };
  beforeAll(async () => {
    db = await createTestDb();
    const repo = new PgHistoryRepo(db.pool);
    for (const f of ['minute/AAPL_Minute.csv', 'minute/MSFT_Minute.csv', 'daily/AAPL.csv']) await importHistoryFile(repo, sharedFile(`bars/${f}`), f);
    whole = await loadReplayFeed(repo, window);
    streamed = await openStreamingFeed(pgSessionSource(repo, window));
  }, 300_000);
  afterAll(async () => {
    await db.drop();
  });

  it('answers_every_query_before_during_and_after_the_recorded_sessions_as_the_whole_replay', async () => {
    expect(streamed.span()).toEqual(whole.span());
    let prev = Date.parse('2021-08-20T03:45:00Z');
    let bars = 0;
    for (const { date } of calendarBetween('2021-08-20', '2021-08-27')) {
      await streamed.loadSession(date);
      for (const t of instantsOf(date).filter((_, i) => i % 3 === 0)) {
        const expected = (await answersAt(whole, t, prev)) as { minutes: Map<string, unknown[]> };
        bars += [...expected.minutes.values()].reduce((n, list) => n + list.length, 0);
        expect(await answersAt(streamed, t, prev), `at ${new Date(t).toISOString()}`).toEqual(expected);
        prev = t;
      }
    }
    // Not a comparison of empty answers: the analysed minute bars of both symbols came through.
    expect(bars).toBeGreaterThan(2_000);
    expect(streamed.spreadModel()).toEqual(whole.spreadModel());
  }, 600_000);
});
