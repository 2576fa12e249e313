import type * as z from 'zod/mini';
import type { EpochMs } from '../../domain/time.ts';
import type { NewsItem } from '../../domain/news.ts';
import type { NewsQuery, SkippedNewsItem } from '../../ports/news-source.port.ts';
import { describeIssues } from '../../shared/describe-issues.ts';
import { newsContentHash } from './content-hash.ts';

/** What a parser found in one payload item; the rest of a NewsItem is derived. */
export type NewsItemFields = Omit<NewsItem, 'source' | 'receivedAt' | 'contentHash'>;

/** A NewsItem from parsed fields: stamped with the source and our receive time, content hashed. */
export function buildNewsItem(source: string, receivedAt: EpochMs, f: NewsItemFields): NewsItem {
  return {
    source,
    sourceId: f.sourceId,
    version: f.version,
    publishedAt: f.publishedAt,
    receivedAt,
    headline: f.headline,
    summary: f.summary,
    url: f.url,
    symbols: f.symbols,
    contentHash: newsContentHash(f.headline, f.summary),
    ...(f.delayed === undefined ? {} : { delayed: f.delayed }),
    ...(f.meta === undefined ? {} : { meta: f.meta }),
  };
}

/** A skip record: the item is dropped whole, with the reason. */
export function skip(source: string, sourceId: string | null, reason: string): SkippedNewsItem {
  return { source, sourceId, reason };
}

/**
 * Parse options for payloads whose issues become reasons: with the input attached, a value of the wrong
 * type is described as such ("expected number, got a string") instead of as missing. Reasons name only
 * the kind of value, never the value.
 */
export const REPORT = { reportInput: true } as const;

/** Zod issues as one reason line (`field: problem; ...`), never quoting the bad values. */
export function issuesReason(issues: readonly z.core.$ZodIssue[]): string {
  return describeIssues(issues)
    .map((p) => `${p.field}: ${p.problem}`)
    .join('; ');
}

/** True for an http(s) URL. */
export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Whether a version falls in the query's window. `since` is inclusive: the newest stored version comes
 * back once more (the store drops the repeat) rather than risking a story published in the same second.
 */
export function inWindow(version: EpochMs, query: Pick<NewsQuery, 'since' | 'until'>): boolean {
  return version >= query.since && (query.until === undefined || version <= query.until);
}
