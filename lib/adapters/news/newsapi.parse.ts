import * as z from 'zod/mini';
import type { EpochMs } from '../../domain/time.ts';
import type { NewsItem } from '../../domain/news.ts';
import type { NewsBatch, SkippedNewsItem } from '../../ports/news-source.port.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import { parseZonedDate, plainText } from './feed-text.ts';
import { buildNewsItem, isHttpUrl, issuesReason, REPORT, skip } from './news-item.build.ts';

export const NEWSAPI_SOURCE = 'newsapi';

/** One element of `articles[]` of /v2/everything and /v2/top-headlines, as documented. */
export const NewsApiArticle = z.object({
  source: z.object({ id: z.nullable(z.string()), name: z.string() }),
  author: z.optional(z.nullable(z.string())),
  title: z.string(),
  description: z.optional(z.nullable(z.string())),
  url: z.string(),
  urlToImage: z.optional(z.nullable(z.string())),
  publishedAt: z.string(),
  content: z.optional(z.nullable(z.string())),
});

const OkReply = z.object({ status: z.literal('ok'), totalResults: z.number(), articles: z.array(z.unknown()) });
const ErrorReply = z.object({ status: z.literal('error'), code: z.string(), message: z.string() });

/** A reply: its articles, the documented error object, or neither. */
export type NewsApiReply =
  | { kind: 'ok'; articles: unknown[] }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'invalid'; reason: string };

/** Sorts a reply body (already JSON-parsed) by its `status`. */
export function readNewsApiReply(json: unknown): NewsApiReply {
  const ok = OkReply.safeParse(json, REPORT);
  if (ok.success) return { kind: 'ok', articles: ok.data.articles };
  const err = ErrorReply.safeParse(json);
  if (err.success) return { kind: 'error', code: err.data.code, message: err.data.message };
  return { kind: 'invalid', reason: issuesReason(ok.error.issues) };
}

/**
 * What a documented error code means for us: the key (CONFIG_INVALID), the quota (RATE_LIMITED, with
 * `quota` so the budget is spent), our own request (CONFIG_INVALID: the configured query), or their side.
 */
export function classifyNewsApiError(code: string): { code: ErrorCode; retryable: boolean; quota: boolean } {
  switch (code) {
    case 'apiKeyDisabled':
    case 'apiKeyInvalid':
    case 'apiKeyMissing':
    case 'parameterInvalid':
    case 'parametersMissing':
    case 'sourcesTooMany':
    case 'sourceDoesNotExist':
      return { code: 'CONFIG_INVALID', retryable: false, quota: false };
    case 'apiKeyExhausted':
    case 'rateLimited':
      return { code: 'RATE_LIMITED', retryable: true, quota: true };
    case 'unexpectedError':
      return { code: 'DEPENDENCY_UNAVAILABLE', retryable: true, quota: false };
    default:
      return { code: 'DEPENDENCY_UNAVAILABLE', retryable: false, quota: false };
  }
}

// NewsAPI keeps the slot of an article taken down by its publisher and blanks it with this text.
const REMOVED = '[Removed]';

function mapOne(raw: unknown, receivedAt: EpochMs, delayed: boolean): NewsItem | SkippedNewsItem {
  const rawUrl = typeof (raw as { url?: unknown } | null)?.url === 'string' ? (raw as { url: string }).url : null;
  const parsed = NewsApiArticle.safeParse(raw, REPORT);
  if (!parsed.success) return skip(NEWSAPI_SOURCE, rawUrl, issuesReason(parsed.error.issues));
  const a = parsed.data;
  if (a.title === REMOVED) return skip(NEWSAPI_SOURCE, a.url, 'removed by its publisher (NewsAPI placeholder)');
  const headline = plainText(a.title);
  if (!headline) return skip(NEWSAPI_SOURCE, rawUrl, 'title: empty headline');
  // Articles have no id: the URL is the only stable identity.
  if (!isHttpUrl(a.url)) return skip(NEWSAPI_SOURCE, null, 'url: expected an http(s) URL (the article has no other id)');
  const published = parseZonedDate(a.publishedAt);
  if (published === null) return skip(NEWSAPI_SOURCE, a.url, 'publishedAt: expected a date and time with its zone');
  return buildNewsItem(NEWSAPI_SOURCE, receivedAt, {
    sourceId: a.url,
    // NewsAPI has no updated time: the publication time is the only version.
    version: published,
    publishedAt: published,
    headline,
    summary: plainText(a.description ?? ''),
    url: a.url,
    symbols: [],
    delayed,
    meta: {
      publisher: a.source.name,
      publisherId: a.source.id,
      author: a.author ?? null,
    },
  });
}

/** Maps `articles[]` to NewsItems (no tickers: NewsAPI gives none); a malformed article is skipped whole. */
export function mapNewsApiArticles(articles: readonly unknown[], receivedAt: EpochMs, delayed: boolean): NewsBatch {
  const batch: NewsBatch = { items: [], skipped: [] };
  for (const raw of articles) {
    const r = mapOne(raw, receivedAt, delayed);
    if ('reason' in r) batch.skipped.push(r);
    else batch.items.push(r);
  }
  return batch;
}
