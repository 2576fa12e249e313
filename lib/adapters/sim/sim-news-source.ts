import type { NewsBatch, NewsQuery, NewsSource } from '../../ports/news-source.port.ts';
import type { Clock } from '../../ports/clock.port.ts';
import type { SimFeed } from './sim-feed.ts';
import type { NewsItem } from '../../domain/news.ts';
import { createRandom } from '../../shared/random.ts';

/**
 * How late a story reaches a poller after its source stamps it: uniform in [minMs, maxMs], drawn per story
 * version from `seed` (the same run sees the same delays). A polled news API delivers seconds to a minute
 * late: Alpaca's news endpoint is fed by its provider with a lag, and the poller only asks once a tick.
 */
export interface NewsLatency {
  minMs: number;
  maxMs: number;
  seed: number;
}

/** The default: 5 to 60 seconds. */
export const DEFAULT_NEWS_LATENCY: NewsLatency = { minMs: 5_000, maxMs: 60_000, seed: 1 };

/** News as soon as it is stamped (for tests that look at the feed itself). */
export const NO_NEWS_LATENCY: NewsLatency = { minMs: 0, maxMs: 0, seed: 1 };

/** One sentence for report assumptions. */
export function describeNewsLatency(latency: NewsLatency = DEFAULT_NEWS_LATENCY): string {
  return `News latency: each story version reaches the poller ${latency.minMs / 1000}-${latency.maxMs / 1000} s after its timestamp (seeded), then waits for the next tick`;
}

/** The delay of one story version, ms. */
export function newsDelayOf(item: Pick<NewsItem, 'source' | 'sourceId' | 'version'>, latency: NewsLatency): number {
  if (latency.maxMs <= latency.minMs) return latency.minMs;
  const u = createRandom(latency.seed).fork(`${item.source}:${item.sourceId}:${item.version}`).next();
  return Math.round(latency.minMs + u * (latency.maxMs - latency.minMs));
}

/**
 * The NewsSource port over a SimFeed: every version published or updated from `since` (inclusive, like the
 * other sources, so a story stamped in the same millisecond is not lost) up to `until` or the clock's now,
 * whichever is earlier, that has reached the poller by now (each version arrives `latency` after its stamp).
 * Nothing from the future; `receivedAt` is the clock's now at the fetch.
 */
export class SimNewsSource implements NewsSource {
  // Each poll re-reads minutes of news: a version's delay is drawn once, not on every poll (two seeded
  // generators a draw). Found by source id (the same string every poll: no key is built), then source and
  // version; past 10,000 versions the memo starts afresh (a delay drawn again is the same delay).
  private readonly delays = new Map<string, { source: string; version: number; delay: number }[]>();
  private remembered = 0;

  constructor(
    private readonly feed: SimFeed,
    private readonly clock: Clock,
    readonly name = 'sim',
    readonly latency: NewsLatency = DEFAULT_NEWS_LATENCY,
  ) {}

  async fetchSince(query: NewsQuery): Promise<NewsBatch> {
    const now = this.clock.now();
    const to = Math.min(query.until ?? now, now);
    if (to < query.since) return { items: [], skipped: [] };
    const wanted = query.symbols?.length ? new Set(query.symbols.map((s) => s.toUpperCase().replace('/', ''))) : null;
    let items = this.feed.newsBetween(query.since - 1, to);
    if (this.latency.maxMs > 0) items = items.filter((item) => item.version + this.delayOf(item) <= now);
    if (wanted) items = items.filter((item) => item.symbols.some((s) => wanted.has(s.toUpperCase().replace('/', ''))));
    if (query.limit !== undefined) items = items.slice(0, Math.max(0, query.limit));
    return { items: items.map((item) => ({ ...item, receivedAt: now })), skipped: [] };
  }

  private delayOf(item: NewsItem): number {
    let versions = this.delays.get(item.sourceId);
    const known = versions?.find((v) => v.version === item.version && v.source === item.source);
    if (known) return known.delay;
    if (this.remembered >= 10_000) {
      this.delays.clear();
      this.remembered = 0;
      versions = undefined;
    }
    if (!versions) this.delays.set(item.sourceId, (versions = []));
    const delay = newsDelayOf(item, this.latency);
    versions.push({ source: item.source, version: item.version, delay });
    this.remembered++;
    return delay;
  }
}
