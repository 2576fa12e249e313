import type { EpochMs } from '../../../domain/time.ts';
import { DAY_MS } from '../../../domain/time.ts';
import type { NewsItem } from '../../../domain/news.ts';
import type { NewsSource } from '../../../ports/news-source.port.ts';
import { AlpacaHttpError } from './http-kit.ts';
import { newsIdOf, newsJson } from './market-data-wire.ts';
import { decodeToken, encodeToken } from './wire-format.ts';

/** The parameters of /v1beta1/news, parsed. */
export interface NewsPageQuery {
  symbols: readonly string[];
  start: EpochMs | undefined;
  end: EpochMs | undefined;
  sort: 'asc' | 'desc';
  limit: number;
  includeContent: boolean;
  excludeContentless: boolean;
  pageToken: string | null;
}

/** How far back /v1beta1/news looks without `start` (Alpaca's default reaches years back; a simulated market has days). */
export const NEWS_LOOKBACK_MS = 7 * DAY_MS;

/**
 * One page of /v1beta1/news: each story in its latest version as of `now` (a simulation must not leak
 * tomorrow's news), when that version was updated in [start, end], sorted by updated_at, with a page token.
 */
export async function newsPage(source: NewsSource, now: EpochMs, q: NewsPageQuery): Promise<Record<string, unknown>> {
  const until = Math.min(q.end ?? now, now);
  const since = (q.start ?? now - NEWS_LOOKBACK_MS) - 1;
  // Alpaca serves each story as it is now: a story updated after `end` is not served in [start, end] in its
  // older form, so versions are read up to now and only the latest of each story is kept.
  const batch = await source.fetchSince({ since, until: now, ...(q.symbols.length ? { symbols: q.symbols } : {}) });
  const latest = new Map<string, NewsItem>();
  for (const item of batch.items) {
    if (item.version > now || item.version <= since) continue;
    if (q.symbols.length && !item.symbols.some((s) => q.symbols.includes(s))) continue;
    if (q.excludeContentless && typeof item.meta?.content !== 'string') continue;
    const key = `${item.source}:${item.sourceId}`;
    const seen = latest.get(key);
    if (!seen || seen.version < item.version) latest.set(key, item);
  }
  const dir = q.sort === 'asc' ? 1 : -1;
  const items = [...latest.values()].filter((item) => item.version <= until).sort((a, b) => dir * (a.version - b.version || newsIdOf(a) - newsIdOf(b)));
  let from = 0;
  if (q.pageToken) {
    const t = decodeToken(q.pageToken) as { u?: unknown; id?: unknown } | null;
    if (typeof t?.u !== 'number' || typeof t.id !== 'number') throw new AlpacaHttpError(400, 40010001, 'invalid page_token');
    const after = (x: NewsItem) => dir * (x.version - (t.u as number) || newsIdOf(x) - (t.id as number)) > 0;
    from = items.findIndex(after);
    if (from < 0) from = items.length;
  }
  const page = items.slice(from, from + q.limit);
  const last = page[page.length - 1];
  const more = from + q.limit < items.length && last !== undefined;
  return {
    news: page.map((item) => newsJson(item, q.includeContent)),
    next_page_token: more ? encodeToken({ u: last.version, id: newsIdOf(last) }) : null,
  };
}
