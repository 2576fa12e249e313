import { describe, expect, it } from 'vitest';
import type { Bar } from '../../domain/market.ts';
import type { NewsItem } from '../../domain/news.ts';
import { createReplayFeed } from './replay-feed.ts';
import { pointInTimeFeed } from './point-in-time-feed.ts';

const T0 = Date.UTC(2026, 10, 16, 15, 0);
const MIN = 60_000;
const bars: Bar[] = Array.from({ length: 10 }, (_, i) => ({ t: T0 + i * MIN, o: 10 + i, h: 11 + i, l: 9 + i, c: 10.5 + i, v: 100 }));
const news = (version: number, id: string): NewsItem => ({ source: 's', sourceId: id, version, publishedAt: version, receivedAt: version, headline: id, summary: '', url: null, symbols: ['AAA'], contentHash: id });
const history = createReplayFeed({ series: [{ symbol: 'AAA', timeframe: '1Min', bars }], news: [news(T0 + 2 * MIN, 'past'), news(T0 + 7 * MIN, 'future')], spreadBps: 10 });

describe('pointInTimeFeed', () => {
  it('answers_only_what_existed_at_now_whatever_is_asked', () => {
    const now = T0 + 4 * MIN + 30_000;
    const cut = pointInTimeFeed(history, () => now);
    // Bars 0..3 have ended; bar 4 is in progress: its close is still the future.
    expect(cut.barsOf(['AAA'], T0, T0 + 10 * MIN).get('AAA')!.map((b) => b.t)).toEqual([0, 1, 2, 3].map((i) => T0 + i * MIN));
    expect([...cut.barsBetween(T0 - MIN, T0 + 10 * MIN)].length).toBe(4);
    expect(cut.newsBetween(T0, T0 + 10 * MIN).map((n) => n.sourceId)).toEqual(['past']);
    expect(cut.quoteAt('AAA', T0 + 9 * MIN)).toEqual(history.quoteAt('AAA', now));
    expect(cut.cuts()).toEqual({ asksPastNow: 3, barsWithheld: 6 + 6, newsWithheld: 1, quotesMovedBack: 1 });
  });

  it('changes_nothing_and_counts_nothing_for_a_caller_that_asks_only_for_the_past', () => {
    const now = T0 + 6 * MIN;
    const cut = pointInTimeFeed(history, () => now);
    expect(cut.barsOf(['AAA'], T0, now)).toEqual(history.barsOf(['AAA'], T0, now));
    expect([...cut.barsBetween(T0, now)]).toEqual([...history.barsBetween(T0, now)]);
    expect(cut.newsBetween(T0, now)).toEqual(history.newsBetween(T0, now));
    expect(cut.quoteAt('AAA', now)).toEqual(history.quoteAt('AAA', now));
    expect(cut.cuts()).toEqual({ asksPastNow: 0, barsWithheld: 0, newsWithheld: 0, quotesMovedBack: 0 });
  });
});
