import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../domain/time.ts';
import { createSyntheticMarket } from './market/synthetic-market.ts';
import { DEFAULT_NEWS_LATENCY, NO_NEWS_LATENCY, newsDelayOf, SimNewsSource } from './sim-news-source.ts';

const market = createSyntheticMarket({ seed: 23, start: '2026-06-01', symbols: 30, newsRate: 3 });
const start = Date.parse('2026-06-01T04:00:00Z');
const now = start + 10 * DAY_MS;

describe('SimNewsSource', () => {
  it('returns_every_version_since_a_time_stamped_with_the_clock', async () => {
    const source = new SimNewsSource(market, { now: () => now });
    const { items, skipped } = await source.fetchSince({ since: start });
    expect(skipped).toEqual([]);
    expect(items.length).toBeGreaterThan(20);
    expect(items.every((i) => i.receivedAt === now && i.version >= start && i.version <= now && i.source === 'sim')).toBe(true);
    expect(items.map((i) => i.version)).toEqual([...items.map((i) => i.version)].sort((a, b) => a - b));
    const updated = items.filter((i, k) => items.findIndex((j) => j.sourceId === i.sourceId) !== k);
    expect(updated.length).toBeGreaterThan(0);
    // `since` is inclusive: an item stamped exactly then is returned.
    const pivot = items[5]!;
    const again = await source.fetchSince({ since: pivot.version });
    expect(again.items[0]!.version).toBe(pivot.version);
  });

  it('never_returns_items_from_the_future', async () => {
    let t = start + 3 * DAY_MS;
    const source = new SimNewsSource(market, { now: () => t });
    const early = await source.fetchSince({ since: start, until: start + 30 * DAY_MS });
    expect(early.items.every((i) => i.version <= t)).toBe(true);
    t = now;
    const later = await source.fetchSince({ since: start });
    expect(later.items.length).toBeGreaterThan(early.items.length);
    expect(later.items.slice(0, early.items.length).map((i) => i.sourceId + i.version)).toEqual(early.items.map((i) => i.sourceId + i.version));
  });

  it('filters_by_symbol_and_respects_the_limit', async () => {
    const source = new SimNewsSource(market, { now: () => now });
    const all = (await source.fetchSince({ since: start })).items;
    const symbol = all.find((i) => i.symbols.length === 1)!.symbols[0]!;
    const mine = (await source.fetchSince({ since: start, symbols: [symbol] })).items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.symbols.includes(symbol))).toBe(true);
    expect(mine).toEqual(all.filter((i) => i.symbols.includes(symbol)));
    expect((await source.fetchSince({ since: start, limit: 3 })).items).toEqual(all.slice(0, 3));
  });
});

describe('SimNewsSource latency', () => {
  it('a_story_reaches_the_poller_seconds_to_a_minute_after_its_stamp_with_seeded_delays', async () => {
    const all = await new SimNewsSource(market, { now: () => now }, 'sim', NO_NEWS_LATENCY).fetchSince({ since: start });
    const item = all.items[10]!;
    const delay = newsDelayOf(item, DEFAULT_NEWS_LATENCY);
    expect(delay).toBeGreaterThanOrEqual(5_000);
    expect(delay).toBeLessThanOrEqual(60_000);
    const seen = async (t: number) => (await new SimNewsSource(market, { now: () => t }).fetchSince({ since: item.version })).items.some((i) => i.sourceId === item.sourceId && i.version === item.version);
    expect(await seen(item.version)).toBe(false);
    expect(await seen(item.version + delay - 1)).toBe(false);
    expect(await seen(item.version + delay)).toBe(true);
    const delays = all.items.slice(0, 50).map((i) => newsDelayOf(i, DEFAULT_NEWS_LATENCY));
    expect(new Set(delays).size).toBeGreaterThan(40);
    expect(delays.every((d) => d >= 5_000 && d <= 60_000)).toBe(true);
  });

  it('polled_again_and_again_each_version_arrives_as_its_own_drawn_delay_says', async () => {
    const every = (await new SimNewsSource(market, { now: () => now }, 'sim', NO_NEWS_LATENCY).fetchSince({ since: start })).items;
    let t = start;
    // One source polled every 10 minutes over ten days: its memo serves thousands of repeat reads.
    const source = new SimNewsSource(market, { now: () => t });
    const key = (i: { sourceId: string; version: number }) => `${i.sourceId}@${i.version}`;
    const firstSeen = new Map<string, number>();
    for (; t <= now; t += 10 * 60_000) for (const i of (await source.fetchSince({ since: t - 3 * 3_600_000 })).items) if (!firstSeen.has(key(i))) firstSeen.set(key(i), t);
    for (const i of every.filter((x) => x.version + 3_600_000 < now)) {
      const due = i.version + newsDelayOf(i, DEFAULT_NEWS_LATENCY);
      expect(firstSeen.get(key(i))).toBe(start + Math.ceil((due - start) / 600_000) * 600_000);
    }
  });
});
