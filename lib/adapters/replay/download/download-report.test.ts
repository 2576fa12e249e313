import { describe, expect, it } from 'vitest';
import { progressLine, summaryLines } from './download-report.ts';

const progress = { unitsDone: 12, unitsTotal: 40, symbolDaysDone: 1_200, symbolDaysTotal: 4_000, barsStored: 1_234_567, newsStored: 890, requests: 140, retries: 2, requestsLeft: 57, elapsedMs: 90_000, remainingMs: 210_000 };

describe('history download report', () => {
  it('shows_symbol_days_bars_news_requests_left_this_minute_and_time_left_on_one_line', () => {
    expect(progressLine(progress)).toBe('units 12/40 | symbol-days 1,200/4,000 | bars 1,234,567 | news 890 | requests 140 (2 retried) | left this minute 57 | time left 3m 30s');
    expect(progressLine({ ...progress, requestsLeft: null, remainingMs: null, retries: 0 })).toContain('requests 140 | left this minute ? | time left ?');
  });

  it('sums_up_a_resumed_run_and_lists_rejected_rows_with_their_reason', () => {
    const lines = summaryLines({ ...progress, remainingMs: 0, rateLimited: 1, resumed: { symbolDays: 800, newsWindows: 2 }, rejected: [{ what: 'AAPL 1Min 2024-03-01T14:31:00.000Z', reason: 'low is not positive' }] });
    expect(lines).toEqual([
      'Done in 1m 30s: 12 unit(s) of work, 140 request(s), 2 retried (1 rate-limited).',
      'Stored 1,234,567 new or changed bar(s) and 890 news version(s); 1,200/4,000 symbol-days of bars complete.',
      'Resumed: 800 symbol-day(s) of bars and 2 news window(s) were already downloaded (checkpoints).',
      'Rejected 1 row(s):',
      '  AAPL 1Min 2024-03-01T14:31:00.000Z: low is not positive',
    ]);
  });
});
