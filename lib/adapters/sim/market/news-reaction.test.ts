import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from '../../../domain/time.ts';
import { calendarDay } from '../../../domain/calendar/nyse-calendar.ts';
import { createSyntheticMarket } from './synthetic-market.ts';
import type { SyntheticNewsEvent } from './market-types.ts';

// A busy news day rate makes a fortnight enough to see every kind of story.
const market = createSyntheticMarket({ seed: 8, start: '2026-04-06', symbols: 40, newsRate: 4 });
const from = calendarDay('2026-04-13')!.sessionOpen;
const to = calendarDay('2026-04-24')!.sessionClose;
const events = market.newsEventsBetween(from, to).filter((e) => e.symbol !== null);

/** Return and volume of the hour after a story published while the stock trades (null otherwise). */
function hourAfter(e: SyntheticNewsEvent): { ret: number; volume: number; baseline: number; regular: boolean } | null {
  const day = calendarDay(new Date(e.publishedAt - 4 * HOUR_MS).toISOString().slice(0, 10));
  if (!day || e.publishedAt < day.sessionOpen || e.publishedAt + HOUR_MS > day.sessionClose) return null;
  const bars = market.barsOf([e.symbol!], day.sessionOpen, day.sessionClose).get(e.symbol!)!;
  const before = bars.filter((b) => b.t + MINUTE_MS <= e.publishedAt);
  const after = bars.filter((b) => b.t >= e.publishedAt && b.t < e.publishedAt + HOUR_MS);
  if (!before.length || !after.length) return null;
  const perMinute = (list: typeof bars) => list.reduce((s, b) => s + b.v, 0) / list.length;
  const regular = e.publishedAt >= day.open && e.publishedAt + HOUR_MS <= day.close;
  return { ret: after.at(-1)!.c / before.at(-1)!.c - 1, volume: perMinute(after), baseline: perMinute(before.filter((b) => b.t >= day.open)), regular };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('synthetic market: news and reactions', () => {
  it('positive_catalysts_outperform_negative_ones_in_the_hour_after', () => {
    const up: number[] = [];
    const down: number[] = [];
    for (const e of events) {
      const r = hourAfter(e);
      if (!r || e.reaction.logImpact === 0) continue;
      (e.reaction.logImpact > 0 ? up : down).push(r.ret);
    }
    expect(up.length).toBeGreaterThan(5);
    expect(down.length).toBeGreaterThan(5);
    expect(mean(up)).toBeGreaterThan(0.01);
    expect(mean(down)).toBeLessThan(-0.01);
    expect(up.filter((r) => r > 0).length / up.length).toBeGreaterThan(0.8);
  });

  it('catalysts_spike_volume_and_noise_moves_nothing', () => {
    const noise = events.filter((e) => e.catalyst === 'noise');
    const strong = events.filter((e) => Math.abs(e.reaction.priceImpact) > 0.03);
    expect(noise.length).toBeGreaterThan(5);
    expect(noise.every((e) => e.reaction.logImpact === 0 && e.reaction.volumeBurst === 0)).toBe(true);
    const spikes = strong.map(hourAfter).filter((r) => r !== null && r.regular && r.baseline > 0).map((r) => r!.volume / r!.baseline);
    expect(spikes.length).toBeGreaterThan(3);
    expect(mean(spikes)).toBeGreaterThan(2);
  });

  it('offerings_push_the_price_down', () => {
    const offerings = market.newsEventsBetween(Date.parse('2026-04-06T00:00:00Z'), to).filter((e) => e.catalyst === 'offering');
    expect(offerings.length).toBeGreaterThan(2);
    for (const e of offerings) {
      expect(e.reaction.priceImpact).toBeLessThan(0);
      const next = market.barsOf([e.symbol!], e.publishedAt + 12 * HOUR_MS, e.publishedAt + 4 * 24 * HOUR_MS).get(e.symbol!)!;
      const before = market.barsOf([e.symbol!], e.publishedAt - 4 * 24 * HOUR_MS, e.publishedAt).get(e.symbol!)!;
      if (next.length && before.length) expect(next[0]!.o / before.at(-1)!.c - 1, e.versions[0]!.headline).toBeLessThan(0.5 * e.reaction.priceImpact + 0.05);
    }
  });

  it('updated_stories_keep_their_id_with_a_later_version', () => {
    const updated = events.filter((e) => e.versions.length === 2);
    expect(updated.length).toBeGreaterThan(3);
    for (const e of updated) {
      const [first, second] = e.versions as [NonNullable<(typeof e.versions)[0]>, NonNullable<(typeof e.versions)[0]>];
      expect(second.sourceId).toBe(first.sourceId);
      expect(second.version).toBeGreaterThan(first.version);
      expect(second.publishedAt).toBe(first.publishedAt);
      expect(second.contentHash).not.toBe(first.contentHash);
    }
    // The wire delivers each version when it is published or updated.
    const items = market.newsBetween(from, to);
    for (const e of updated.filter((x) => x.versions[1]!.version <= to)) {
      expect(items.filter((i) => i.sourceId === e.id).map((i) => i.version)).toEqual(e.versions.map((v) => v.version));
    }
  });

  it('writes_varied_headlines_that_name_the_company', () => {
    const items = market.newsBetween(from, to);
    const headlines = new Set(items.map((i) => i.headline));
    expect(headlines.size).toBeGreaterThan(0.9 * items.length);
    const byName = new Map(market.assets().map((a) => [a.symbol, a.name.replace(/ Inc\.$/, '')]));
    for (const item of items.filter((i) => i.symbols.length === 1)) {
      const name = byName.get(item.symbols[0]!)!;
      expect(`${item.headline} ${item.summary}`.includes(name) || item.headline.includes(item.symbols[0]!), item.headline).toBe(true);
      expect(item.source).toBe('sim');
      expect(item.contentHash).toMatch(/^[0-9a-f]{64}$/);
    }
    const catalysts = new Set(events.map((e) => e.catalyst));
    for (const c of ['earnings_beat', 'earnings_miss', 'analyst_upgrade', 'analyst_downgrade', 'noise']) expect(catalysts.has(c as never), c).toBe(true);
  });

  it('lists_the_news_a_symbol_got_with_its_reaction', () => {
    const e = events.find((x) => Math.abs(x.reaction.priceImpact) > 0.02)!;
    const own = market.newsOf(e.symbol!, from, to);
    expect(own.map((x) => x.id)).toContain(e.id);
    expect(own.every((x) => x.symbol === e.symbol)).toBe(true);
    expect(own.find((x) => x.id === e.id)!.reaction).toEqual(e.reaction);
    expect(market.newsOf('NOPE', from, to)).toEqual([]);
  });
});
