import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticReplayFeed } from '../lib/adapters/replay/synthetic-replay-feed.ts';
import type { ReplayFeed } from '../lib/adapters/replay/replay-feed.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { addDays } from '../lib/domain/calendar/new-york-time.ts';
import { runLookaheadCheck, type LookaheadResult } from '../scheduler/lookahead.ts';

/**
 * The look-ahead check on one synthetic session, both runs over in-memory stores: the system as it is decides
 * the same with the history cut at every decision time; a reader that leaks news half an hour early is caught.
 */
const DAY = '2026-11-16';
const LEAK_MS = 30 * 60_000;

/** A deliberately leaky reader: serves the quote of half an hour later, and news up to half an hour ahead stamped as if already out. */
function leaky(history: ReplayFeed): ReplayFeed {
  return {
    ...history,
    quoteAt: (symbol, t) => history.quoteAt(symbol, t + LEAK_MS),
    newsBetween: (from, to) => history.newsBetween(from, to + LEAK_MS).map((n) => ({ ...n, version: n.version - LEAK_MS })),
  };
}

describe('npm run study -- lookahead (runLookaheadCheck)', () => {
  let honest: LookaheadResult;
  let leakyRun: LookaheadResult;

  beforeAll(async () => {
    const market = createSyntheticMarket({ seed: 4, start: addDays(DAY, -60), symbols: 12, crypto: false, newsRate: 6 });
    const feed: ReplayFeed = syntheticReplayFeed(market, { from: DAY, to: DAY });
    const env = { ...process.env, LOG_LEVEL: 'error' };
    honest = await runLookaheadCheck({ feed, from: DAY, to: DAY, env });
    leakyRun = await runLookaheadCheck({ feed, from: DAY, to: DAY, env, readVia: leaky });
  }, 300_000);

  it('replays_both_runs_without_a_failure_and_the_window_has_decisions_to_compare', () => {
    for (const r of [honest.full, honest.truncated, leakyRun.full, leakyRun.truncated]) expect(r.failedTicks, r.errors.join('\n')).toBe(0);
    expect(honest.full.orders.length).toBeGreaterThan(0);
  });

  it('finds_no_differing_decision_when_the_system_reads_only_the_past', () => {
    expect(honest.differences).toEqual([]);
    expect(honest.truncated.digest).toBe(honest.full.digest);
  });

  it('the_system_never_asks_the_feed_for_news_or_bars_after_now', () => {
    expect(honest.cuts).toEqual({ asksPastNow: 0, barsWithheld: 0, newsWithheld: 0, quotesMovedBack: 0 });
  });

  it('catches_a_reader_that_leaks_news_before_it_was_out', () => {
    expect(leakyRun.cuts.quotesMovedBack).toBeGreaterThan(0);
    expect(leakyRun.cuts.newsWithheld).toBeGreaterThan(0);
    expect(leakyRun.differences.length).toBeGreaterThan(0);
    expect(leakyRun.full.digest).not.toBe(leakyRun.truncated.digest);
  });
});
