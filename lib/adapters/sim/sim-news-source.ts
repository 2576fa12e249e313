import type { NewsBatch, NewsQuery, NewsSource } from '../../ports/news-source.port.ts';
import type { Clock } from '../../ports/clock.port.ts';
import type { SimFeed } from './sim-feed.ts';

/**
 * The NewsSource port over a SimFeed: every version published or updated from `since` (inclusive, like the
 * other sources, so a story stamped in the same millisecond is not lost) up to `until` or the clock's now,
 * whichever is earlier. Nothing from the future; `receivedAt` is the clock's now at the fetch.
 */
export class SimNewsSource implements NewsSource {
  constructor(
    private readonly feed: SimFeed,
    private readonly clock: Clock,
    readonly name = 'sim',
  ) {}

  async fetchSince(query: NewsQuery): Promise<NewsBatch> {
    const now = this.clock.now();
    const to = Math.min(query.until ?? now, now);
    if (to < query.since) return { items: [], skipped: [] };
    const wanted = query.symbols?.length ? new Set(query.symbols.map((s) => s.toUpperCase().replace('/', ''))) : null;
    let items = this.feed.newsBetween(query.since - 1, to);
    if (wanted) items = items.filter((item) => item.symbols.some((s) => wanted.has(s.toUpperCase().replace('/', ''))));
    if (query.limit !== undefined) items = items.slice(0, Math.max(0, query.limit));
    return { items: items.map((item) => ({ ...item, receivedAt: now })), skipped: [] };
  }
}
