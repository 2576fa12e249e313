import { describe, expect, it } from 'vitest';
import type { Bar } from '../../domain/market.ts';
import type { NewsItem } from '../../domain/news.ts';
import { newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { newsEvents, type NewsEventInput } from './news-events.ts';

const DAY = '2026-11-16';
const T0 = newYorkTime(DAY, '10:30');
const MIN = 60_000;
const flatBars = (from: number, minutes: number, price = 50): Bar[] => Array.from({ length: minutes }, (_, i) => ({ t: from + i * MIN, o: price, h: price, l: price, c: price, v: 1_000 }));

const item = (version: number, headline: string, sourceId = 's1'): NewsItem => ({
  source: 'test', sourceId, version, publishedAt: version, receivedAt: version, headline, summary: '', url: null, symbols: ['AAPL'], contentHash: headline,
});

function input(news: NewsItem[], latencyOf: (n: NewsItem) => number): NewsEventInput {
  return {
    news, assets: [], latencyOf, horizons: [1, 5],
    minuteBars: new Map([['AAPL', flatBars(newYorkTime(DAY, '09:30'), 390)]]),
    dailyVolume: new Map(), spreadBpsAt: () => 10,
    from: newYorkTime(DAY, '00:00'), to: newYorkTime('2026-11-17', '00:00'),
  };
}

describe('newsEvents', () => {
  it('makes_one_event_per_story_from_its_first_version_known_after_the_latency', () => {
    const first = item(T0 - 30_000, 'Apple beats estimates, raises guidance');
    const update = item(T0 + 2 * 60 * MIN, 'Apple shares plunge after guidance cut');
    const { events, skipped } = newsEvents(input([first, update], () => 20_000));
    expect(events).toHaveLength(1);
    expect(skipped.laterVersions).toBe(1);
    const e = events[0]!;
    expect(e.headline).toBe(first.headline);
    expect(e.knownAt).toBe(first.version + 20_000);
    expect(e.entryT).toBe(T0);
    expect(e.entryT).toBeGreaterThanOrEqual(e.knownAt);
    expect(e.sentiment).toBe('positive');
    expect(e.phase).toBe('midday');
  });

  it('reads_the_latest_version_that_had_arrived_by_the_decision_and_no_later_one', () => {
    const first = item(T0, 'Apple beats estimates, raises guidance');
    const quickFix = item(T0 + 5_000, 'Apple misses estimates, cuts guidance');
    const late = item(T0 + 10_000, 'Apple announces buyback');
    const delays = new Map([[first.version, 30_000], [quickFix.version, 1_000], [late.version, 60_000]]);
    const { events } = newsEvents(input([first, quickFix, late], (n) => delays.get(n.version)!));
    expect(events).toHaveLength(1);
    expect(events[0]!.headline).toBe(quickFix.headline);
    expect(events[0]!.sentiment).toBe('negative');
    expect(events[0]!.direction).toBe(-1);
    expect(events[0]!.textLaterThanKnown).toBe(false);
  });

  it('flags_an_event_whose_stored_text_is_later_than_when_it_was_known', () => {
    const downloaded = { ...item(T0, 'Apple beats estimates'), meta: { textAsOf: new Date(T0 + 3_600_000).toISOString() } };
    expect(newsEvents(input([downloaded], () => 10_000)).events[0]!.textLaterThanKnown).toBe(true);
  });

  it('leaves_out_stories_known_outside_the_window_and_symbols_without_bars', () => {
    const before = item(newYorkTime('2026-11-13', '12:00'), 'Apple beats estimates', 'old');
    const other: NewsItem = { ...item(T0, 'Tesla recalls cars', 'tsla'), symbols: ['TSLA'] };
    const { events, skipped } = newsEvents(input([before, other], () => 0));
    expect(events).toEqual([]);
    expect(skipped).toMatchObject({ outsideWindow: 1, noSymbolBars: 1 });
  });
});
